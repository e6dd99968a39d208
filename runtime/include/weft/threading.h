//===- weft/threading.h - Python's threading module in C++ ----------------===//
//
//   Python                          weft
//   threading.Thread(target=f,      weft::threading::Thread t(f, args...);
//     args=(a,), name=, daemon=)    Thread t({.name = "x", .daemon = true}, f, a);
//   class T(Thread): def run()      class T : public Thread { void run() override; }
//   t.start(); t.join(1.5)          t.start(); t.join(1.5);
//   lock = threading.Lock()         weft::threading::Lock lock;
//   with lock: ...                  { weft::threading::Guard g(lock); ... }
//
// Happens-before: Thread.start happens before the first action of the new
// thread; the last action of a thread happens before join returns.
// Lock / RLock: a release happens before the acquire that next obtains it.
//
// Every call records its call site through a defaulted std::source_location.
// Behaviour is Python's: non-daemon threads are waited for when main
// returns; daemon threads are not. See docs/python-mapping.md.
//===----------------------------------------------------------------------===//
#ifndef WEFT_THREADING_H
#define WEFT_THREADING_H

#include "weft/errors.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace weft::core {
struct ThreadState; // the actor behind a Thread (runtime/lib)
struct LockCore;    // a Lock's or RLock's state (runtime/lib)
} // namespace weft::core

namespace weft::threading {

using SourceLoc = std::source_location;

/// Python's keyword arguments of Thread(...).
struct ThreadOptions {
  std::string name;            // empty: "Thread-N" (N counts from 1)
  std::optional<bool> daemon;  // unset: inherit from the creating thread
};

class Thread {
public:
  /// For subclasses that override run().
  Thread();
  explicit Thread(ThreadOptions Opts);
  /// Thread(target=F, args=(Args...)). Arguments are copied (use std::ref
  /// to share), as std::thread does.
  template <class F, class... Args,
            class = std::enable_if_t<
                !std::is_same_v<std::decay_t<F>, ThreadOptions> &&
                std::is_invocable_v<std::decay_t<F>, std::decay_t<Args> &...>>>
  explicit Thread(F &&Target, Args &&...A)
      : Thread(ThreadOptions{}, std::forward<F>(Target),
               std::forward<Args>(A)...) {}
  template <class F, class... Args>
  Thread(ThreadOptions Opts, F &&Target, Args &&...A) : Thread(std::move(Opts)) {
    setTarget([Fn = std::decay_t<F>(std::forward<F>(Target)),
               Tup = std::make_tuple(std::decay_t<Args>(
                   std::forward<Args>(A))...)]() mutable {
      std::apply(Fn, Tup);
    });
  }
  /// A running non-daemon thread is waited for: Python keeps a started
  /// Thread alive until it ends, and C++ must not free it earlier. For a
  /// subclass that is too late (its part of the object is already gone when
  /// this runs): keep a subclass object alive and join() it; the runtime
  /// prints an error if one is destroyed while its thread still runs.
  virtual ~Thread();
  Thread(const Thread &) = delete;
  Thread &operator=(const Thread &) = delete;

  /// Raises RuntimeError("threads can only be started once") the 2nd time.
  void start(SourceLoc Loc = SourceLoc::current());
  /// Waits for the thread to end, at most \p Timeout seconds if given.
  /// RuntimeError: "cannot join thread before it is started",
  /// "cannot join current thread".
  void join(std::optional<double> Timeout = std::nullopt,
            SourceLoc Loc = SourceLoc::current());
  bool is_alive() const;

  std::string name() const;
  void set_name(std::string Name);
  std::string getName() const { return name(); }
  void setName(std::string Name) { set_name(std::move(Name)); }
  /// None (nullopt) until started, as in Python.
  std::optional<uint64_t> ident() const;
  std::optional<uint64_t> native_id() const;
  bool daemon() const;
  /// RuntimeError("cannot set daemon status of active thread") once started.
  void set_daemon(bool Daemonic);
  bool isDaemon() const { return daemon(); }
  void setDaemon(bool D) { set_daemon(D); }

  /// What the thread runs: the target, unless a subclass overrides it.
  virtual void run();

  /// The runtime's state for this thread (internal).
  core::ThreadState &state() const { return *State; }

protected:
  /// For runtime-created Thread objects (main thread, foreign threads).
  explicit Thread(std::shared_ptr<core::ThreadState> S);

private:
  void setTarget(std::function<void()> Fn);
  std::shared_ptr<core::ThreadState> State;
};

/// The Thread object of the calling thread (main thread included; a thread
/// not started by weft gets a "Dummy-N" object, as in Python).
Thread &current_thread();
Thread &main_thread();
/// All alive threads, the main thread first.
std::vector<Thread *> enumerate();
int active_count();
uint64_t get_ident();
uint64_t get_native_id();

class Lock {
public:
  explicit Lock(SourceLoc Loc = SourceLoc::current());
  /// A name shown in reports instead of the creation site.
  explicit Lock(std::string Name, SourceLoc Loc = SourceLoc::current());
  ~Lock();
  Lock(const Lock &) = delete;
  Lock &operator=(const Lock &) = delete;

  /// acquire(blocking=True, timeout=-1): true if acquired.
  bool acquire(bool Blocking = true, double Timeout = -1,
               SourceLoc Loc = SourceLoc::current());
  /// Any thread may release a Lock. RuntimeError("release unlocked lock").
  void release(SourceLoc Loc = SourceLoc::current());
  bool locked() const;
  // Lockable, so std::scoped_lock / std::unique_lock work too.
  void lock(SourceLoc Loc = SourceLoc::current()) { acquire(true, -1, Loc); }
  void unlock(SourceLoc Loc = SourceLoc::current()) { release(Loc); }
  bool try_lock(SourceLoc Loc = SourceLoc::current()) {
    return acquire(false, -1, Loc);
  }
  core::LockCore &core() const { return *Core; }

private:
  std::unique_ptr<core::LockCore> Core;
};

/// Reentrant: the owner may acquire again; it must release as many times.
class RLock {
public:
  explicit RLock(SourceLoc Loc = SourceLoc::current());
  explicit RLock(std::string Name, SourceLoc Loc = SourceLoc::current());
  ~RLock();
  RLock(const RLock &) = delete;
  RLock &operator=(const RLock &) = delete;

  bool acquire(bool Blocking = true, double Timeout = -1,
               SourceLoc Loc = SourceLoc::current());
  /// Only the owner may release: RuntimeError("cannot release un-acquired lock").
  void release(SourceLoc Loc = SourceLoc::current());
  bool locked() const;
  void lock(SourceLoc Loc = SourceLoc::current()) { acquire(true, -1, Loc); }
  void unlock(SourceLoc Loc = SourceLoc::current()) { release(Loc); }
  bool try_lock(SourceLoc Loc = SourceLoc::current()) {
    return acquire(false, -1, Loc);
  }
  core::LockCore &core() const { return *Core; }

private:
  std::unique_ptr<core::LockCore> Core;
};

/// Python's `with lock:` — acquires now, releases at the end of the scope.
template <class L> class Guard {
public:
  explicit Guard(L &Lk, SourceLoc Loc = SourceLoc::current())
      : Lk(Lk), Loc(Loc) {
    Lk.acquire(true, -1, Loc);
  }
  ~Guard() { Lk.release(Loc); }
  Guard(const Guard &) = delete;
  Guard &operator=(const Guard &) = delete;

private:
  L &Lk;
  SourceLoc Loc;
};

} // namespace weft::threading

#endif
