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
//   cond = threading.Condition()    weft::threading::Condition cond;
//   sem = threading.Semaphore(5)    weft::threading::Semaphore sem(5);
//   ev = threading.Event()          weft::threading::Event ev;
//   b = threading.Barrier(3)        weft::threading::Barrier b(3);
//   threading.Timer(2.0, f, [x])    weft::threading::Timer t(2.0, f, x);
//   data = threading.local()        weft::threading::local<T> data("name");
//
// Happens-before: Thread.start happens before the first action of the new
// thread; the last action of a thread happens before join returns.
// Lock / RLock: a release happens before the acquire that next obtains it.
// Condition: a notify happens before the return of each wait it wakes.
// Semaphore: a release happens before the acquire that obtains that unit.
// Event: a set happens before every wait that returns true because of it.
// Barrier: every arrival at a cycle happens before every passing of it.
// Timer: start happens before the function runs (it is a Thread).
// local: none (each thread sees only its own value).
//
// Every call records its call site through a defaulted std::source_location.
// Behaviour is Python's: non-daemon threads are waited for when main
// returns; daemon threads are not. See docs/python-mapping.md.
//===----------------------------------------------------------------------===//
#ifndef WEFT_THREADING_H
#define WEFT_THREADING_H

#include "weft/errors.h"
#include "weft/time.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <source_location>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace weft::core {
struct ThreadState; // the actor behind a Thread (runtime/lib)
struct LockCore;    // a Lock's or RLock's state (runtime/lib)
struct ConditionCore;
struct SemaphoreCore;
struct EventCore;
struct BarrierCore;
struct TimerState;
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
  /// Python's deprecated camelCase spellings: each prints Python's
  /// DeprecationWarning text once per process as a note on stderr.
  std::string getName(SourceLoc Loc = SourceLoc::current()) const;
  void setName(std::string Name, SourceLoc Loc = SourceLoc::current());
  /// Removed in Python 3.9 (is_alive() since 2.6); kept for the course.
  bool isAlive(SourceLoc Loc = SourceLoc::current()) const;
  /// None (nullopt) until started, as in Python.
  std::optional<uint64_t> ident() const;
  std::optional<uint64_t> native_id() const;
  bool daemon() const;
  /// RuntimeError("cannot set daemon status of active thread") once started.
  void set_daemon(bool Daemonic);
  bool isDaemon(SourceLoc Loc = SourceLoc::current()) const;
  void setDaemon(bool D, SourceLoc Loc = SourceLoc::current());

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

/// Python's repr of a Thread, what print(t) prints:
/// <Thread(Thread-1, started 140233)>, <_MainThread(MainThread, started
/// 140230)>, <Thread(w, initial daemon)>, <Thread(Thread-2, stopped 140236)>.
std::ostream &operator<<(std::ostream &OS, const Thread &T);

/// The Thread object of the calling thread (main thread included; a thread
/// not started by weft gets a "Dummy-N" object, as in Python).
Thread &current_thread();
Thread &main_thread();
/// All alive threads, the main thread first.
std::vector<Thread *> enumerate();
int active_count();
/// Deprecated spellings (with Python's one-time DeprecationWarning note).
Thread &currentThread(SourceLoc Loc = SourceLoc::current());
int activeCount(SourceLoc Loc = SourceLoc::current());
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

// -- Condition ------------------------------------------------------------------

/// threading.Condition(lock=None). Happens-before: a notify happens before
/// the return of each wait it wakes (and the waiter re-acquires the lock).
///
/// Condition() makes its own RLock, as Python does; Condition(lock) uses the
/// given Lock or RLock. Usable with `Guard` and std::unique_lock like the
/// lock itself. wait() releases the lock completely (every level of an
/// RLock) while it waits and re-acquires it before it returns.
class Condition {
public:
  explicit Condition(SourceLoc Loc = SourceLoc::current());
  explicit Condition(Lock &L, SourceLoc Loc = SourceLoc::current());
  explicit Condition(RLock &L, SourceLoc Loc = SourceLoc::current());
  ~Condition();
  Condition(const Condition &) = delete;
  Condition &operator=(const Condition &) = delete;

  /// The underlying lock's acquire / release.
  bool acquire(bool Blocking = true, double Timeout = -1,
               SourceLoc Loc = SourceLoc::current());
  void release(SourceLoc Loc = SourceLoc::current());
  void lock(SourceLoc Loc = SourceLoc::current()) { acquire(true, -1, Loc); }
  void unlock(SourceLoc Loc = SourceLoc::current()) { release(Loc); }
  bool try_lock(SourceLoc Loc = SourceLoc::current()) {
    return acquire(false, -1, Loc);
  }

  /// wait(timeout=None): false if the timeout expired, true if notified.
  /// RuntimeError("cannot wait on un-acquired lock") unless the calling
  /// thread holds the lock. A timeout <= 0 does not block (but still
  /// releases and re-acquires the lock), as in Python.
  bool wait(std::optional<double> Timeout = std::nullopt,
            SourceLoc Loc = SourceLoc::current());
  /// wait_for(predicate, timeout=None): waits until predicate() is true or
  /// the timeout expires; returns the predicate's last value.
  template <class Pred>
  auto wait_for(Pred Predicate, std::optional<double> Timeout = std::nullopt,
                SourceLoc Loc = SourceLoc::current()) {
    auto Result = Predicate();
    std::optional<double> EndTime, WaitTime = Timeout;
    while (!Result) {
      if (WaitTime) {
        if (!EndTime) {
          EndTime = time::monotonic() + *WaitTime;
        } else {
          WaitTime = *EndTime - time::monotonic();
          if (*WaitTime <= 0)
            break;
        }
      }
      wait(WaitTime, Loc);
      Result = Predicate();
    }
    return Result;
  }
  /// Wakes up to \p N waiters. RuntimeError("cannot notify on un-acquired
  /// lock") unless the calling thread holds the lock.
  void notify(int N = 1, SourceLoc Loc = SourceLoc::current());
  void notify(SourceLoc Loc) { notify(1, Loc); }
  void notify_all(SourceLoc Loc = SourceLoc::current());
  void notifyAll(SourceLoc Loc = SourceLoc::current()) { notify_all(Loc); }

  core::ConditionCore &core() const { return *Core; }

private:
  std::unique_ptr<RLock> Own; // Condition(): the RLock Python makes
  std::unique_ptr<core::ConditionCore> Core;
};

// -- Semaphore, BoundedSemaphore -------------------------------------------------

/// threading.Semaphore(value=1). Happens-before: a release happens before
/// the acquire that obtains the unit it gave back.
///
/// ValueError("semaphore initial value must be >= 0"). A released unit goes
/// straight to the longest waiting acquirer (FIFO).
class Semaphore {
public:
  explicit Semaphore(int Value = 1, SourceLoc Loc = SourceLoc::current());
  /// A name shown in reports instead of the creation site.
  Semaphore(std::string Name, int Value, SourceLoc Loc = SourceLoc::current());
  virtual ~Semaphore();
  Semaphore(const Semaphore &) = delete;
  Semaphore &operator=(const Semaphore &) = delete;

  /// acquire(blocking=True, timeout=None): true if a unit was taken.
  /// nullopt or -1 (Lock's spelling) wait forever; another negative timeout
  /// or 0 does not wait, as in Python. ValueError("can't specify timeout
  /// for non-blocking acquire").
  bool acquire(bool Blocking = true,
               std::optional<double> Timeout = std::nullopt,
               SourceLoc Loc = SourceLoc::current());
  /// release(n=1): gives back \p N units. ValueError("n must be one or
  /// more"); BoundedSemaphore: ValueError("Semaphore released too many
  /// times").
  void release(int N = 1, SourceLoc Loc = SourceLoc::current());
  void release(SourceLoc Loc) { release(1, Loc); }
  void lock(SourceLoc Loc = SourceLoc::current()) {
    acquire(true, std::nullopt, Loc);
  }
  void unlock(SourceLoc Loc = SourceLoc::current()) { release(1, Loc); }
  bool try_lock(SourceLoc Loc = SourceLoc::current()) {
    return acquire(false, std::nullopt, Loc);
  }

  core::SemaphoreCore &core() const { return *Core; }

protected:
  Semaphore(bool Bounded, std::string Name, int Value, SourceLoc Loc);

private:
  std::unique_ptr<core::SemaphoreCore> Core;
};

/// threading.BoundedSemaphore(value=1): a release past the initial value
/// raises ValueError("Semaphore released too many times").
class BoundedSemaphore : public Semaphore {
public:
  explicit BoundedSemaphore(int Value = 1,
                            SourceLoc Loc = SourceLoc::current())
      : Semaphore(true, "", Value, Loc) {}
  BoundedSemaphore(std::string Name, int Value,
                   SourceLoc Loc = SourceLoc::current())
      : Semaphore(true, std::move(Name), Value, Loc) {}
};

// -- Event -------------------------------------------------------------------------

/// threading.Event. Happens-before: a set happens before every wait that
/// returns true because of it.
class Event {
public:
  explicit Event(SourceLoc Loc = SourceLoc::current());
  /// A name shown in reports instead of the creation site.
  explicit Event(std::string Name, SourceLoc Loc = SourceLoc::current());
  ~Event();
  Event(const Event &) = delete;
  Event &operator=(const Event &) = delete;

  /// Sets the flag and wakes every waiter.
  void set(SourceLoc Loc = SourceLoc::current());
  void clear(SourceLoc Loc = SourceLoc::current());
  bool is_set() const;
  bool isSet() const { return is_set(); }
  /// wait(timeout=None): the flag's value on return (true unless the
  /// timeout expired). A timeout <= 0 does not block.
  bool wait(std::optional<double> Timeout = std::nullopt,
            SourceLoc Loc = SourceLoc::current());

  core::EventCore &core() const { return *Core; }

private:
  std::unique_ptr<core::EventCore> Core;
};

// -- Barrier -----------------------------------------------------------------------

/// threading.Barrier(parties, action=None, timeout=None). Happens-before:
/// every arrival (wait) of a cycle happens before any thread passes it.
///
/// wait() returns the arrival index (0 .. parties-1); the last arriver runs
/// the action first. BrokenBarrierError when the barrier is or becomes
/// broken (abort(), a timeout, an action that throws, a reset() while
/// threads wait). ValueError("parties must be >= 1").
class Barrier {
public:
  explicit Barrier(int Parties, std::function<void()> Action = nullptr,
                   std::optional<double> Timeout = std::nullopt,
                   SourceLoc Loc = SourceLoc::current());
  ~Barrier();
  Barrier(const Barrier &) = delete;
  Barrier &operator=(const Barrier &) = delete;

  /// wait(timeout=None): nullopt uses the barrier's default timeout.
  int wait(std::optional<double> Timeout = std::nullopt,
           SourceLoc Loc = SourceLoc::current());
  void reset(SourceLoc Loc = SourceLoc::current());
  void abort(SourceLoc Loc = SourceLoc::current());
  int parties() const;
  int n_waiting() const;
  bool broken() const;

  core::BarrierCore &core() const { return *Core; }

private:
  std::unique_ptr<core::BarrierCore> Core;
};

// -- Timer ---------------------------------------------------------------------------

/// Timer's interval in seconds; it also captures where the Timer is made.
struct TimerInterval {
  TimerInterval(double Seconds, SourceLoc Loc = SourceLoc::current())
      : Seconds(Seconds), Loc(Loc) {}
  double Seconds;
  SourceLoc Loc;
};

/// threading.Timer(interval, function, args=[]): a Thread that runs
/// function(args...) after \p Interval seconds unless cancel() came first.
/// It waits on its Event `finished()` with a timeout (a kernel wait, so
/// virtual time applies). Happens-before: as a Thread; cancel() sets
/// finished().
class Timer : public Thread {
public:
  template <class F, class... Args,
            class = std::enable_if_t<
                std::is_invocable_v<std::decay_t<F>, std::decay_t<Args> &...>>>
  Timer(TimerInterval Interval, F &&Function, Args &&...A)
      : Timer(Interval,
              std::function<void()>(
                  [Fn = std::decay_t<F>(std::forward<F>(Function)),
                   Tup = std::make_tuple(std::decay_t<Args>(
                       std::forward<Args>(A))...)]() mutable {
                    std::apply(Fn, Tup);
                  })) {}
  Timer(TimerInterval Interval, std::function<void()> Function);
  ~Timer() override;

  /// Stops the timer if it is still waiting (sets finished()).
  void cancel(SourceLoc Loc = SourceLoc::current());
  double interval() const;
  Event &finished() const;

private:
  explicit Timer(std::shared_ptr<core::TimerState> S);
  std::shared_ptr<core::TimerState> S;
};

// -- local -------------------------------------------------------------------------

namespace detail {
// threading.local's storage (runtime/lib/Local.cpp): one slot per (local
// object, thread), freed when its thread ends or its local is destroyed.
uint32_t localCreate();
void localDestroy(uint32_t Id);
/// The calling thread's value, or null.
void *localFind(uint32_t Id);
/// Stores \p Value as the calling thread's value; returns it.
void *localStore(uint32_t Id, std::shared_ptr<void> Value);
/// Removes the calling thread's value; false if it had none.
bool localErase(uint32_t Id);
[[noreturn]] void localMissing(const std::string &Name);
} // namespace detail

/// threading.local, one attribute per object: each thread sees only the
/// value it set itself; a value set in one thread is absent in the others;
/// a thread's value is destroyed when that thread ends.
///
///   school = threading.local()            local<std::string> student("student");
///   school.student = name                 student = name;  // or set(name)
///   school.student                        student.get()    // or *student
///   hasattr(school, "student")            student.has()
///   del school.student                    student.del();
///   getattr(school, "student", "?")       student.get("?")
///   class L(local): def __init__(s):      local<int> n("n", [] { return 0; });
///       s.n = 0                           // (made on first use in each thread)
///
/// A missing value raises AttributeError("'_thread._local' object has no
/// attribute 'student'"). A struct T gives several attributes at once.
template <class T> class local {
public:
  explicit local(std::string Name = "value")
      : Name(std::move(Name)), Id(detail::localCreate()) {}
  /// Like a Python subclass of local whose __init__ sets the value: \p Init
  /// makes each thread's value on that thread's first use.
  local(std::string Name, std::function<T()> Init)
      : Name(std::move(Name)), Init(std::move(Init)),
        Id(detail::localCreate()) {}
  ~local() { detail::localDestroy(Id); }
  local(const local &) = delete;
  local &operator=(const local &) = delete;

  bool has() const { return slot() != nullptr; }
  /// This thread's value; AttributeError if it has none.
  T &get() const {
    if (T *V = slot())
      return *V;
    detail::localMissing(Name);
  }
  /// This thread's value, or \p Default if it has none.
  T get(T Default) const {
    T *V = slot();
    return V ? *V : std::move(Default);
  }
  void set(T Value) { emplace(std::move(Value)); }
  template <class... Args> T &emplace(Args &&...A) {
    return *static_cast<T *>(detail::localStore(
        Id, std::make_shared<T>(std::forward<Args>(A)...)));
  }
  local &operator=(T Value) {
    set(std::move(Value));
    return *this;
  }
  /// del local.name: AttributeError if this thread has no value.
  void del() {
    if (!detail::localErase(Id))
      detail::localMissing(Name);
  }
  T &operator*() const { return get(); }
  T *operator->() const { return &get(); }
  const std::string &name() const { return Name; }

private:
  T *slot() const {
    if (void *V = detail::localFind(Id))
      return static_cast<T *>(V);
    if (!Init)
      return nullptr;
    return static_cast<T *>(
        detail::localStore(Id, std::make_shared<T>(Init())));
  }
  std::string Name;
  std::function<T()> Init;
  uint32_t Id;
};

} // namespace weft::threading

#endif
