//===- runtime/lib/threading/LockCore.h - the state behind Lock and RLock -----------===//
//
// Happens-before: a release happens before the acquire that next obtains
// the lock.
//
// State (owner, recursion depth, FIFO waiters) is guarded by a small
// InternalMutex. A release frees the lock and unparks the first waiter
// through the Kernel (unless it was woken already and has not run yet); the
// waiter takes the lock if it is still free when it runs, else parks again.
// Like CPython's lock (and glibc's mutex), a running thread may take a free
// lock before a woken waiter does: a thread that releases and re-acquires
// in a loop keeps running instead of handing the lock over and sleeping at
// every turn, which would cost two context switches per acquisition. Events are recorded under
// the internal mutex, so the detectors see lock states in their real order:
// LockRequest before trying when the lock is held (by another actor, or by
// the caller for a Lock: a double acquire), LockAcquired after obtaining
// (flags: recursion depth for an RLock), LockFailed when a non-blocking or
// timed attempt gives up, LockReleased before the state changes (flags:
// remaining depth). An acquire that finds the lock free records only
// LockAcquired (under the controlled scheduler, LockRequest too).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_LOCKCORE_H
#define WEFT_RUNTIME_LOCKCORE_H

#include "core/Futex.h"
#include "trace/Record.h"

#include <cstdint>
#include <source_location>
#include <string_view>

namespace weft::core {

struct Actor;

struct LockCore {
  /// \p Recursive: RLock (owner may re-acquire; only the owner releases).
  LockCore(bool Recursive, std::string_view Name,
           const std::source_location &Loc);
  ~LockCore();

  /// Python's acquire(blocking, timeout); raises ValueError for bad
  /// argument combinations, with Python's words.
  bool acquire(bool Blocking, double Timeout, const std::source_location &Loc);
  /// A non-blocking try recorded as one (LockAcquired's LockTried flag: it
  /// adds no lock order), as pthread_mutex_trylock is.
  bool tryAcquire(const std::source_location &Loc);
  /// Lock: RuntimeError("release unlocked lock"); RLock:
  /// RuntimeError("cannot release un-acquired lock").
  void release(const std::source_location &Loc);
  bool locked() const;
  /// Held or waited for: freeing it now would strand the waiters.
  bool busy() const;
  /// How many times \p A holds the lock (0: not its owner; a Lock: 0 or 1).
  /// Condition uses it to check ownership and to release every level.
  unsigned depthHeldBy(const Actor &A) const;

  uint32_t id() const { return Id; }

private:
  bool acquireImpl(bool Blocking, double Timeout, bool Tried,
                   const std::source_location &Loc);

  struct Waiter {
    Actor *Who;
    bool Woken = false; // unparked by a release, not yet running
    Waiter *Next = nullptr;
  };
  void enqueue(Waiter &W);
  void dequeue(Waiter &W);

  const bool Recursive;
  uint32_t Id = 0;
  mutable InternalMutex Mu;
  Actor *Owner = nullptr;
  unsigned Depth = 0;
  Waiter *Head = nullptr, *Tail = nullptr;
};

} // namespace weft::core

#endif
