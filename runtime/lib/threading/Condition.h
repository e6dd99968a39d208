//===- runtime/lib/threading/Condition.h - the state behind threading.Condition -----===//
//
// Happens-before: a notify happens before the return of each wait it wakes.
//
// A ConditionCore pairs a LockCore (the user's Lock or RLock, or the RLock
// Condition() made) with a WaitQueue of waiters. wait() records CondWait,
// releases the lock completely through LockCore::release (one LockReleased
// per RLock level) and enqueues itself, all under the condition's
// InternalMutex, so a notifier (which must hold the lock) always finds it;
// then it parks through the WaitQueue (WaitBlock / WaitWake) and re-acquires
// the lock through LockCore::acquire (LockRequest / LockAcquired), so the
// lock-order and wait-for detectors see the lock exactly as it is.
// notify records CondNotify (flags: waiters woken, 255 for notify_all)
// before waking, a release.
//
// A POSIX condition (pthread_cond_t, std::condition_variable: see
// runtime/lib/interpose) has no lock of its own: each wait names its mutex
// (waitOn) and a notify need not hold one.
//
// Lock order: ConditionCore::Mu, then LockCore's mutex, then the Recorder's.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_CONDITION_H
#define WEFT_RUNTIME_CONDITION_H

#include "core/Futex.h"
#include "core/WaitQueue.h"

#include <cstdint>
#include <optional>
#include <source_location>
#include <string_view>

namespace weft::core {

struct LockCore;

struct ConditionCore {
  ConditionCore(LockCore &L, const std::source_location &Loc);
  /// A POSIX condition: no lock of its own (see above).
  explicit ConditionCore(const std::source_location &Loc,
                         std::string_view Name = "");

  /// The condition's own lock (not for a POSIX condition).
  LockCore &lock() const { return *L; }
  /// Python's wait(timeout): true if notified, false if the timeout expired.
  /// RuntimeError("cannot wait on un-acquired lock").
  bool wait(std::optional<double> Timeout, const std::source_location &Loc);
  /// A POSIX wait: releases \p Lk (held by the caller) until notified or
  /// until \p DeadlineNs on the kernel's clock, then takes it again. True
  /// if notified.
  bool waitOn(LockCore &Lk, std::optional<int64_t> DeadlineNs,
              const std::source_location &Loc);
  /// notify(n) (\p All: notify_all). RuntimeError("cannot notify on
  /// un-acquired lock").
  /// A POSIX condition's notify needs no lock held.
  void notify(int N, bool All, const std::source_location &Loc);
  /// Waited on: freeing it now would strand the waiters.
  bool busy() const;
  uint32_t id() const { return Id; }

private:
  bool waitReleasing(LockCore &Lk, unsigned Depth, bool TryOnly,
                     std::optional<int64_t> Deadline,
                     const std::source_location &Loc);

  LockCore *L; // null: a POSIX condition
  uint32_t Id = 0;
  mutable InternalMutex Mu;
  WaitQueue Q;
};

} // namespace weft::core

#endif
