//===- weft/asyncio.h - Python's asyncio on C++20 coroutines ---------------===//
//
//   Python                              weft
//   async def f(x): ... return v        asyncio::Coroutine<int> f(int x) { ...; co_return v; }
//   await f(1)                          co_await f(1)
//   asyncio.run(main())                 asyncio::run(main());
//   t = asyncio.create_task(f(1))       auto t = asyncio::create_task(f(1));
//   await t; t.cancel(); t.done()       co_await t; t.cancel(); t.done();
//   await asyncio.gather(f(1), g())     co_await asyncio::gather(f(1), g())   (a tuple)
//   await asyncio.sleep(0.5)            co_await asyncio::sleep(0.5);
//   await asyncio.wait_for(f(1), 2)     co_await asyncio::wait_for(f(1), 2);
//   lock = asyncio.Lock()               asyncio::Lock lock;
//   async with lock: ...                { auto held = co_await lock.hold(); ... }
//   ev = asyncio.Event(); await ev.wait()   asyncio::Event ev; co_await ev.wait();
//   q = asyncio.Queue(); await q.get()  asyncio::Queue<int> q; co_await q.get();
//
// Every task is an actor of the trace, named as Python names it (Task-1 is
// asyncio.run's main task); it runs on the thread that called run(), one
// step (from one suspension to the next) at a time. Every suspension and
// every operation is a recorded event.
// Happens-before: create_task happens before the task's first step; the
// end of a task happens before the return of every await of it (gather
// awaits each task); Lock: a release happens before the acquire that next
// obtains it; Event: a set happens before every wait it ends; Queue: a put
// happens before the get that receives its item. sleep creates none.
// Time is the runtime's: under the controlled scheduler (`--schedule`) it is
// virtual, so sleeps end at once in the order of their deadlines.
// Findings: a deadlock among tasks ends the run with the deadlock finding
// (who waits for what) instead of hanging; a task that ends holding a Lock
// is a missing-release; a blocking call of weft's threading/time/queue
// modules made by a running task is a blocking-in-coroutine, and a step
// that runs longer than 0.1 s a loop-stalled; a coroutine destroyed without
// being awaited and a task whose exception nobody retrieved are reported
// with Python's words. See docs/asyncio.md.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ASYNCIO_H
#define WEFT_ASYNCIO_H

#include "weft/errors.h"

#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <ostream>
#include <source_location>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace weft::asyncio {

using SourceLoc = std::source_location;

/// asyncio.CancelledError: raised inside a cancelled task at the await
/// where it was suspended.
class CancelledError : public Error {
public:
  CancelledError() : Error("") {}
  using Error::Error;
  const char *pythonName() const noexcept override {
    return "asyncio.CancelledError";
  }
};
/// asyncio.QueueEmpty / asyncio.QueueFull (get_nowait / put_nowait).
class QueueEmpty : public Error {
public:
  QueueEmpty() : Error("") {}
  const char *pythonName() const noexcept override {
    return "asyncio.QueueEmpty";
  }
};
class QueueFull : public Error {
public:
  QueueFull() : Error("") {}
  const char *pythonName() const noexcept override {
    return "asyncio.QueueFull";
  }
};

/// What a coroutine without a value gives to gather (Python's None).
struct None {
  bool operator==(const None &) const = default;
};
/// weft::print shows it as Python does.
inline std::ostream &operator<<(std::ostream &OS, None) { return OS << "None"; }
template <class T> using ResultOf = std::conditional_t<std::is_void_v<T>, None, T>;

template <class T = void> class Coroutine;
template <class T = void> class Task;

namespace detail {
struct TaskState; // runtime/lib/asyncio/Loop.h

/// What every coroutine frame keeps besides its value.
struct PromiseBase {
  explicit PromiseBase(SourceLoc Where) : Where(Where) {}
  std::suspend_always initial_suspend() noexcept { return {}; }
  struct Final {
    bool await_ready() noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> H) noexcept {
      std::coroutine_handle<> C = H.promise().Continuation;
      return C ? C : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  Final final_suspend() noexcept { return {}; }
  void unhandled_exception() { Exception = std::current_exception(); }

  /// Who resumes when this coroutine returns (null: a task's top frame).
  std::coroutine_handle<> Continuation;
  std::exception_ptr Exception;
  /// The coroutine function (its name is Python's coroutine name).
  SourceLoc Where;
  /// Awaited or made a task (else: "coroutine 'f' was never awaited").
  bool Started = false;
};

template <class T> struct Promise : PromiseBase {
  // The compiler passes no argument: Where is the coroutine function.
  Promise(SourceLoc Where = SourceLoc::current()) : PromiseBase(Where) {}
  Coroutine<T> get_return_object();
  template <class U> void return_value(U &&V) { Value.emplace(std::forward<U>(V)); }
  std::optional<T> Value;
  T take() {
    if (Exception)
      std::rethrow_exception(Exception);
    return std::move(*Value);
  }
  /// A task's result: a copy, as it may be asked for again (moved out if
  /// T cannot be copied).
  T result() {
    if (Exception)
      std::rethrow_exception(Exception);
    if constexpr (std::is_copy_constructible_v<T>)
      return *Value;
    else
      return std::move(*Value);
  }
};
template <> struct Promise<void> : PromiseBase {
  Promise(SourceLoc Where = SourceLoc::current()) : PromiseBase(Where) {}
  Coroutine<void> get_return_object();
  void return_void() {}
  void take() {
    if (Exception)
      std::rethrow_exception(Exception);
  }
  void result() { take(); }
};

/// A coroutine destroyed before anyone awaited it (Python's RuntimeWarning).
void neverAwaited(const SourceLoc &Where);

/// A new task running the frame \p H (owned by the task from now on),
/// created by the running task (or the thread) at \p Loc.
std::shared_ptr<TaskState> newTask(std::coroutine_handle<> H, PromiseBase &P,
                                   const SourceLoc &Loc);
bool taskDone(const TaskState &T);
bool taskCancelled(const TaskState &T);
std::string taskName(const TaskState &T);
/// Task.cancel(): true if the task was still pending.
bool cancelTask(TaskState &T);
/// The outcome was looked at (no "exception was never retrieved").
void markRetrieved(TaskState &T);
/// Task.result() / exception() before the task is done: InvalidStateError.
void requireDone(const TaskState &T);

/// `await task` (and the join of gather, wait_for), by the running task.
/// await_ready records the join of a finished task; \p Site is the
/// awaiting coroutine's function when the await has no call site.
struct JoinAwaiter {
  TaskState &Target;
  SourceLoc Loc;
  /// A deadline in seconds (wait_for): await_resume is then false on a
  /// timeout instead of the task's end.
  std::optional<double> Timeout;
  /// False for `co_await task`: Loc is set at the suspension (the awaiting
  /// coroutine's function); a join that needs no suspension has no site.
  bool Known = true;
  /// Set by await_suspend (await_resume then records the join).
  bool Suspended = false;
  bool await_ready();
  void await_suspend(std::coroutine_handle<> H);
  bool await_resume();
};

/// asyncio.run's loop: runs \p Main (a task made by startRun) to its end.
std::shared_ptr<TaskState> startRun(std::coroutine_handle<> H, PromiseBase &P,
                                    const SourceLoc &Loc);
void runLoop(TaskState &Main, const SourceLoc &Loc);
} // namespace detail

/// The value of `async def`: a coroutine, run by co_await (in the awaiting
/// task) or by create_task / run / gather (as a task of its own).
template <class T> class Coroutine {
public:
  using promise_type = detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  explicit Coroutine(Handle H) : H(H) {}
  Coroutine(Coroutine &&O) noexcept : H(std::exchange(O.H, {})) {}
  Coroutine &operator=(Coroutine &&O) noexcept {
    if (this != &O) {
      reset();
      H = std::exchange(O.H, {});
    }
    return *this;
  }
  Coroutine(const Coroutine &) = delete;
  Coroutine &operator=(const Coroutine &) = delete;
  ~Coroutine() { reset(); }

  struct Awaiter {
    Handle H;
    Awaiter(Handle H) : H(H) {}
    Awaiter(Awaiter &&O) noexcept : H(std::exchange(O.H, {})) {}
    ~Awaiter() {
      if (H)
        H.destroy();
    }
    bool await_ready() { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> Caller) {
      H.promise().Continuation = Caller;
      return H; // runs at once, in the awaiting task
    }
    T await_resume() { return H.promise().take(); }
  };
  /// `await f()`: runs f in the awaiting task; its value or exception.
  Awaiter operator co_await() && {
    H.promise().Started = true;
    return Awaiter(std::exchange(H, {}));
  }

  /// The frame, for a task to own (the coroutine counts as started).
  Handle release() {
    H.promise().Started = true;
    return std::exchange(H, {});
  }

private:
  void reset() {
    if (!H)
      return;
    if (!H.promise().Started)
      detail::neverAwaited(H.promise().Where);
    H.destroy();
    H = {};
  }
  Handle H;
};

template <class T> Coroutine<T> detail::Promise<T>::get_return_object() {
  return Coroutine<T>(Coroutine<T>::Handle::from_promise(*this));
}
inline Coroutine<void> detail::Promise<void>::get_return_object() {
  return Coroutine<void>(Coroutine<void>::Handle::from_promise(*this));
}

/// asyncio.Task: a coroutine scheduled on the running loop. Copies share
/// the task.
template <class T> class Task {
public:
  Task() = default;
  Task(std::shared_ptr<detail::TaskState> S,
       typename Coroutine<T>::Handle H)
      : S(std::move(S)), H(H) {}

  struct Awaiter : detail::JoinAwaiter {
    typename Coroutine<T>::Handle H;
    template <class P> void await_suspend(std::coroutine_handle<P> Caller) {
      if (!Known)
        Loc = Caller.promise().Where;
      Known = true;
      detail::JoinAwaiter::await_suspend(Caller);
    }
    T await_resume() {
      detail::JoinAwaiter::await_resume();
      return H.promise().result();
    }
  };
  /// `await task`: its value, or its exception (CancelledError if it was
  /// cancelled).
  Awaiter operator co_await() const {
    return Awaiter{{*S, SourceLoc(), std::nullopt, false}, H};
  }
  /// `co_await task.await_at()`: the same with the call site recorded
  /// (gather and wait_for use it; plain `co_await task` names the awaiting
  /// coroutine's function instead).
  Awaiter await_at(SourceLoc Loc = SourceLoc::current()) const {
    return Awaiter{{*S, Loc, std::nullopt, true}, H};
  }

  bool done() const { return detail::taskDone(*S); }
  bool cancelled() const { return detail::taskCancelled(*S); }
  /// Task.cancel(): CancelledError is raised in the task at its next step.
  bool cancel() { return detail::cancelTask(*S); }
  T result() const {
    detail::requireDone(*S);
    detail::markRetrieved(*S);
    return H.promise().result();
  }
  /// Task.exception(): the exception it ended with, or null.
  std::exception_ptr exception() const {
    detail::requireDone(*S);
    detail::markRetrieved(*S);
    return H.promise().Exception;
  }
  std::string get_name() const { return detail::taskName(*S); }
  detail::TaskState &state() const { return *S; }

private:
  std::shared_ptr<detail::TaskState> S;
  typename Coroutine<T>::Handle H;
};

/// asyncio.create_task(coro): the task starts at a later step of the loop.
template <class T>
Task<T> create_task(Coroutine<T> C, SourceLoc Loc = SourceLoc::current()) {
  typename Coroutine<T>::Handle H = C.release();
  return Task<T>(detail::newTask(H, H.promise(), Loc), H);
}

/// asyncio.run(main()): a new event loop runs main as Task-1 until it
/// ends; tasks still pending then are cancelled. Returns main's value.
template <class T> T run(Coroutine<T> Main, SourceLoc Loc = SourceLoc::current()) {
  typename Coroutine<T>::Handle H = Main.release();
  std::shared_ptr<detail::TaskState> S = detail::startRun(H, H.promise(), Loc);
  detail::runLoop(*S, Loc);
  detail::markRetrieved(*S);
  return H.promise().take();
}

/// asyncio.get_event_loop(): run_until_complete(coro) runs a new loop
/// until coro ends, as run() does (the loop is not kept between calls).
class EventLoop {
public:
  template <class T>
  T run_until_complete(Coroutine<T> C, SourceLoc Loc = SourceLoc::current()) {
    return run(std::move(C), Loc);
  }
};
inline EventLoop get_event_loop() { return {}; }

/// await asyncio.sleep(s): suspends the task (not its thread) for s
/// seconds of the runtime's clock; sleep(0) lets the other ready tasks run.
struct SleepAwaiter {
  double Seconds;
  SourceLoc Loc;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H);
  void await_resume();
};
inline SleepAwaiter sleep(double Seconds, SourceLoc Loc = SourceLoc::current()) {
  return SleepAwaiter{Seconds, Loc};
}

/// asyncio.gather(a(), b(), ...): each coroutine becomes a task at once;
/// awaiting the gather gives their results in the order given (a tuple;
/// None for a coroutine without a value). The first exception is raised
/// (once the tasks before it have ended); the other tasks go on.
template <class... T> class gather {
public:
  gather(Coroutine<T>... Cs, SourceLoc Loc = SourceLoc::current())
      : Tasks(create_task(std::move(Cs), Loc)...), Loc(Loc) {}
  auto operator co_await() && {
    return all(std::move(Tasks), Loc).operator co_await();
  }

private:
  template <class U>
  static Coroutine<ResultOf<U>> one(Task<U> Each, SourceLoc Loc) {
    if constexpr (std::is_void_v<U>) {
      co_await Each.await_at(Loc);
      co_return None{};
    } else {
      co_return co_await Each.await_at(Loc);
    }
  }
  static Coroutine<std::tuple<ResultOf<T>...>> all(std::tuple<Task<T>...> Ts,
                                                   SourceLoc Loc) {
    // Braced initialization evaluates (and so awaits) left to right.
    co_return co_await std::apply(
        [Loc](auto &...Each) -> Coroutine<std::tuple<ResultOf<T>...>> {
          co_return std::tuple<ResultOf<T>...>{co_await one(Each, Loc)...};
        },
        Ts);
  }
  std::tuple<Task<T>...> Tasks;
  SourceLoc Loc;
};
template <class... T> gather(Coroutine<T>...) -> gather<T...>;

/// asyncio.gather(*coros) over a list of coroutines of one type.
template <class T>
Coroutine<std::vector<ResultOf<T>>>
gather_all(std::vector<Coroutine<T>> Cs, SourceLoc Loc = SourceLoc::current()) {
  std::vector<Task<T>> Ts;
  for (Coroutine<T> &C : Cs)
    Ts.push_back(create_task(std::move(C), Loc));
  std::vector<ResultOf<T>> Out;
  for (Task<T> &Each : Ts) {
    if constexpr (std::is_void_v<T>) {
      co_await Each.await_at(Loc);
      Out.push_back(None{});
    } else {
      Out.push_back(co_await Each.await_at(Loc));
    }
  }
  co_return Out;
}

/// asyncio.wait(coros) with return_when=ALL_COMPLETED: every coroutine
/// becomes a task; the result is (done, pending), pending empty.
template <class T>
Coroutine<std::pair<std::vector<Task<T>>, std::vector<Task<T>>>>
wait(std::vector<Coroutine<T>> Cs, SourceLoc Loc = SourceLoc::current()) {
  std::vector<Task<T>> Done;
  for (Coroutine<T> &C : Cs)
    Done.push_back(create_task(std::move(C), Loc));
  for (Task<T> &Each : Done) {
    try {
      co_await Each.await_at(Loc);
    } catch (...) { // wait() does not raise: the task keeps its exception
    }
  }
  co_return std::make_pair(std::move(Done), std::vector<Task<T>>{});
}

/// asyncio.wait_for(coro, timeout): its value, or TimeoutError after
/// \p Timeout seconds (the task is then cancelled and awaited).
template <class T>
Coroutine<T> wait_for(Coroutine<T> C, double Timeout,
                      SourceLoc Loc = SourceLoc::current()) {
  Task<T> Inner = create_task(std::move(C), Loc);
  if (!co_await detail::JoinAwaiter{Inner.state(), Loc, Timeout}) {
    Inner.cancel();
    try {
      co_await Inner.await_at(Loc);
    } catch (const CancelledError &) {
    }
    throw TimeoutError("");
  }
  co_return co_await Inner.await_at(Loc);
}

namespace detail {
struct LockCore;
struct EventCore;
struct QueueCore;
} // namespace detail

/// asyncio.Lock: not reentrant, not owned (any task may release it);
/// waiters get it in FIFO order.
class Lock {
public:
  explicit Lock(std::string Name = "", SourceLoc Loc = SourceLoc::current());
  ~Lock();
  Lock(const Lock &) = delete;
  Lock &operator=(const Lock &) = delete;

  struct AcquireAwaiter {
    Lock &L;
    SourceLoc Loc;
    bool Suspended = false;
    bool await_ready();
    void await_suspend(std::coroutine_handle<> H);
    bool await_resume();
  };
  /// `await lock.acquire()` (true).
  AcquireAwaiter acquire(SourceLoc Loc = SourceLoc::current()) {
    return {*this, Loc};
  }
  /// RuntimeError("Lock is not acquired.") if it is not locked.
  void release(SourceLoc Loc = SourceLoc::current());
  bool locked() const;

  /// `async with lock:` as a scope: the guard releases it.
  class Held {
  public:
    explicit Held(Lock *L) : L(L) {}
    Held(Held &&O) noexcept : L(std::exchange(O.L, nullptr)) {}
    Held(const Held &) = delete;
    ~Held() {
      if (L)
        L->release();
    }

  private:
    Lock *L;
  };
  struct HoldAwaiter : AcquireAwaiter {
    Held await_resume() {
      AcquireAwaiter::await_resume();
      return Held(&L);
    }
  };
  HoldAwaiter hold(SourceLoc Loc = SourceLoc::current()) {
    return {{*this, Loc, false}};
  }

private:
  friend struct detail::LockCore;
  std::unique_ptr<detail::LockCore> C;
};

/// asyncio.Event.
class Event {
public:
  explicit Event(std::string Name = "", SourceLoc Loc = SourceLoc::current());
  ~Event();
  Event(const Event &) = delete;
  Event &operator=(const Event &) = delete;

  void set(SourceLoc Loc = SourceLoc::current());
  void clear(SourceLoc Loc = SourceLoc::current());
  bool is_set() const;
  struct WaitAwaiter {
    Event &E;
    SourceLoc Loc;
    bool Suspended = false;
    bool await_ready();
    void await_suspend(std::coroutine_handle<> H);
    bool await_resume();
  };
  /// `await ev.wait()` (true).
  WaitAwaiter wait(SourceLoc Loc = SourceLoc::current()) { return {*this, Loc}; }

private:
  std::unique_ptr<detail::EventCore> C;
};

namespace detail {
/// The untyped part of asyncio.Queue: counts, waiters, events. The items
/// live in the typed Queue.
class QueueBase {
public:
  QueueBase(size_t MaxSize, std::string Name, const SourceLoc &Loc);
  ~QueueBase();
  QueueBase(const QueueBase &) = delete;
  QueueBase &operator=(const QueueBase &) = delete;

  /// Suspends the running task until an item is there (get) or there is
  /// room (put); then await_resume takes the item or stores it.
  struct Waiter {
    enum Op { Get, Put, Join };
    QueueBase &Q;
    SourceLoc Loc;
    Op Kind;
    bool await_ready();
    void await_suspend(std::coroutine_handle<> H);
    void await_resume();
  };
  /// With \p Size items stored: no room left (slots reserved for woken
  /// putters count as taken).
  bool full(size_t Size) const;
  /// With \p Size items stored: how many no woken getter has reserved.
  size_t available(size_t Size) const;
  /// Records the put and wakes a getter (the item is stored by the caller
  /// right after).
  void putting(const SourceLoc &Loc);
  /// Records the get and wakes a putter (the item was just taken).
  void got(const SourceLoc &Loc);
  void task_done(const SourceLoc &Loc);
  Coroutine<void> join(SourceLoc Loc);
  size_t MaxSize;
  /// The typed queue's size (kept here for the waiters).
  size_t Size = 0;

private:
  std::unique_ptr<QueueCore> C;
};
} // namespace detail

/// asyncio.Queue (FIFO); maxsize 0 is unbounded.
template <class T> class Queue {
public:
  explicit Queue(size_t MaxSize = 0, std::string Name = "",
                 SourceLoc Loc = SourceLoc::current())
      : B(MaxSize, std::move(Name), Loc) {}

  struct GetAwaiter : detail::QueueBase::Waiter {
    Queue &Self;
    T await_resume() {
      detail::QueueBase::Waiter::await_resume();
      return Self.take(Loc);
    }
  };
  struct PutAwaiter : detail::QueueBase::Waiter {
    Queue &Self;
    T Item;
    void await_resume() {
      detail::QueueBase::Waiter::await_resume();
      Self.store(std::move(Item), Loc);
    }
  };
  /// `await q.get()`: waits while the queue is empty.
  GetAwaiter get(SourceLoc Loc = SourceLoc::current()) {
    return GetAwaiter{{B, Loc, detail::QueueBase::Waiter::Get}, *this};
  }
  /// `await q.put(x)`: waits while the queue is full.
  PutAwaiter put(T Item, SourceLoc Loc = SourceLoc::current()) {
    return PutAwaiter{{B, Loc, detail::QueueBase::Waiter::Put}, *this,
                      std::move(Item)};
  }
  T get_nowait(SourceLoc Loc = SourceLoc::current()) {
    if (B.available(Items.size()) == 0)
      throw QueueEmpty();
    return take(Loc);
  }
  void put_nowait(T Item, SourceLoc Loc = SourceLoc::current()) {
    if (B.full(Items.size()))
      throw QueueFull();
    store(std::move(Item), Loc);
  }
  void task_done(SourceLoc Loc = SourceLoc::current()) { B.task_done(Loc); }
  /// `await q.join()`: until every item put has been marked task_done.
  Coroutine<void> join(SourceLoc Loc = SourceLoc::current()) { return B.join(Loc); }
  size_t qsize() const { return Items.size(); }
  bool empty() const { return Items.empty(); }
  bool full() const { return B.full(Items.size()); }

private:
  T take(const SourceLoc &Loc) {
    T V = std::move(Items.front());
    Items.pop_front();
    B.Size = Items.size();
    B.got(Loc);
    return V;
  }
  void store(T V, const SourceLoc &Loc) {
    B.putting(Loc);
    Items.push_back(std::move(V));
    B.Size = Items.size();
  }
  detail::QueueBase B;
  std::deque<T> Items;
};

} // namespace weft::asyncio

#endif
