//===- weft/futures.h - Python's concurrent.futures in C++ ----------------===//
//
//   Python                               weft
//   with ThreadPoolExecutor(4) as ex:    { weft::futures::ThreadPoolExecutor ex(4);
//   f = ex.submit(fn, 1, 2)                auto f = ex.submit(fn, 1, 2);
//   f.result(timeout=1)                    f.result(1.0);
//   f.exception(), f.done(), f.running(),  the same (exception() is a
//   f.cancel(), f.cancelled()              std::exception_ptr)
//   f.add_done_callback(cb)                f.add_done_callback(cb);  cb(Future<R>&)
//   list(ex.map(fn, xs, timeout=5))        ex.map(fn, xs, 5.0)   (a std::vector)
//   for f in as_completed(fs): ...         for (auto &f : as_completed(fs)) ...
//   done, not_done = wait(fs, 1,           auto [done, not_done] = wait(fs, 1.0,
//       return_when=FIRST_COMPLETED)           FIRST_COMPLETED);
//   ex.shutdown(wait=True,                 ex.shutdown(true, false);  the destructor
//       cancel_futures=False)              is the end of Python's `with`
//
// Happens-before: submit happens before the task starts; the task's end (its
// value or exception, or a cancel) happens before result(), exception(),
// the done callbacks, a done() / cancelled() that returns true, and the
// wait / as_completed that sees it done; add_done_callback happens before
// the callback runs; everything a worker did happens before
// shutdown(wait=true) returns. Dropping the last Future (on any thread) is
// ordered after every other use of the state (docs/tsan.md).
//
// Workers are weft threads ("ThreadPoolExecutor-N_M"), so every wait (a
// result(), an idle worker, a task blocked on a queue) is in the wait-for
// graph. An executor still running when main returns is shut down and
// waited for, as Python does, and reported (executor-leak). The templates
// only bind the callable and hold the value; blocking, events and TSan
// annotations are in runtime/lib/FutureCore.h and ExecutorCore.h.
//===----------------------------------------------------------------------===//
#ifndef WEFT_FUTURES_H
#define WEFT_FUTURES_H

#include "weft/errors.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace weft::core {
class FutureCore;   // runtime/lib/FutureCore.h
class ExecutorCore; // runtime/lib/ExecutorCore.h
class CompletionStream;
} // namespace weft::core

namespace weft::futures {

using SourceLoc = std::source_location;

/// wait()'s return_when.
enum class ReturnWhen : uint8_t { FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED };
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::FIRST_COMPLETED;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::FIRST_EXCEPTION;
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::ALL_COMPLETED;

template <class R> class Future;

namespace detail {

/// The state a Future<R> handle and the worker share (Python's Future
/// object). Non-template operations are defined in runtime/lib/Future.cpp.
class StateBase : public std::enable_shared_from_this<StateBase> {
public:
  StateBase();
  virtual ~StateBase();
  StateBase(const StateBase &) = delete;
  StateBase &operator=(const StateBase &) = delete;

  bool done() const;
  bool running() const;
  bool cancelled() const;
  bool cancel(SourceLoc Loc);
  /// Waits for the outcome: the task's exception (null if it returned a
  /// value). TimeoutError when \p Timeout runs out, CancelledError.
  std::exception_ptr outcome(std::optional<double> Timeout, SourceLoc Loc);
  void addDoneCallback(std::function<void(StateBase &)> Fn);

  /// The worker's side: runs the task unless cancelled, then completes.
  void runTask();
  core::FutureCore &core() const { return *Core; }

  /// Drops \p P's reference (if any). Every reference that a Future handle
  /// or the runtime holds is dropped here, so that ThreadSanitizer sees the
  /// same thing for all of them: a release on the state, then the count
  /// decrement. Whoever drops the last one runs lastReferenceGone() before
  /// the state is destroyed and freed. Never call it inside a runtime
  /// ignore scope: it may run the task's and the value's destructors.
  static void dropReference(std::shared_ptr<StateBase> &P) noexcept;

protected:
  /// The first thing the most-derived destructor does: an acquire of every
  /// dropReference's release, so that the destruction and the free are
  /// ordered after every other thread's last use of the state.
  void lastReferenceGone() const noexcept;

  /// Runs the callable and stores its value (exceptions escape).
  virtual void invoke() = 0;

private:
  std::unique_ptr<core::FutureCore> Core;
};

template <class R> struct State : StateBase {
  std::optional<R> Value; // set by the worker before the future is done
};
template <> struct State<void> : StateBase {};

template <class R, class Fn> struct Task final : State<R> {
  explicit Task(Fn F) : F(std::move(F)) {}
  ~Task() override { this->lastReferenceGone(); }
  void invoke() override {
    if constexpr (std::is_void_v<R>)
      (*F)();
    else
      this->Value.emplace((*F)());
    F.reset(); // Python drops the work item (and its arguments) once run
  }
  std::optional<Fn> F;
};

/// The executor's non-template part (runtime/lib/Executor.cpp).
class ExecutorBase {
public:
  ExecutorBase(std::optional<int> MaxWorkers, std::string Prefix,
               SourceLoc Loc);
  /// shutdown(wait=true) unless that was done already and nothing is left
  /// to wait for.
  ~ExecutorBase();
  ExecutorBase(const ExecutorBase &) = delete;
  ExecutorBase &operator=(const ExecutorBase &) = delete;
  void submitState(std::shared_ptr<StateBase> S, SourceLoc Loc);
  void shutdown(bool Wait, bool CancelFutures, SourceLoc Loc);
  int maxWorkers() const;

private:
  std::shared_ptr<core::ExecutorCore> Core;
};

/// wait(): the done flags, one per entry of \p Fs, when \p When is met or
/// \p Timeout runs out.
std::vector<bool> waitFor(const std::vector<StateBase *> &Fs,
                          std::optional<double> Timeout, ReturnWhen When,
                          SourceLoc Loc);

/// as_completed(): hands out the futures as they complete.
class Completions {
public:
  Completions(const std::vector<StateBase *> &Fs,
              std::optional<double> Timeout, SourceLoc Loc);
  ~Completions();
  Completions(Completions &&) noexcept;
  /// The index (in the input) of the next completed future; -1 once all
  /// were handed out. TimeoutError("N (of M) futures unfinished").
  long next();

private:
  std::unique_ptr<core::CompletionStream> Impl;
};

template <class F> struct FutureValue;
template <class R> struct FutureValue<Future<R>> {
  using type = R;
};

} // namespace detail

/// concurrent.futures.Future: a handle; copies refer to the same future.
template <class R> class Future {
public:
  Future() = default;
  explicit Future(std::shared_ptr<detail::State<R>> S) : S(std::move(S)) {}
  // Every reference is dropped through the runtime (StateBase::
  // dropReference): a worker may drop the last one and free the state.
  Future(const Future &) = default;
  Future(Future &&O) noexcept = default;
  Future &operator=(const Future &O) {
    if (this != &O) {
      Future Old(std::move(*this));
      S = O.S;
    }
    return *this;
  }
  Future &operator=(Future &&O) noexcept {
    if (this != &O) {
      Future Old(std::move(*this));
      S = std::move(O.S);
    }
    return *this;
  }
  ~Future() {
    if (S) {
      std::shared_ptr<detail::StateBase> P(std::move(S));
      detail::StateBase::dropReference(P);
    }
  }

  /// The task's value; rethrows the task's exception. TimeoutError if
  /// \p timeout seconds pass first; CancelledError if cancelled. Returns a
  /// copy (Python returns the same object each time).
  R result(std::optional<double> timeout = std::nullopt,
           SourceLoc Loc = SourceLoc::current()) const {
    if (std::exception_ptr E = S->outcome(timeout, Loc))
      std::rethrow_exception(E);
    if constexpr (!std::is_void_v<R>)
      return *S->Value;
  }
  /// The task's exception, or null if it returned normally.
  std::exception_ptr exception(std::optional<double> timeout = std::nullopt,
                               SourceLoc Loc = SourceLoc::current()) const {
    return S->outcome(timeout, Loc);
  }
  bool done() const { return S->done(); }
  bool running() const { return S->running(); }
  bool cancelled() const { return S->cancelled(); }
  /// False if it is running or done; else cancels it (callbacks run now).
  bool cancel(SourceLoc Loc = SourceLoc::current()) { return S->cancel(Loc); }
  /// Calls \p fn(future) when it is done (at once, here, if it already
  /// is; else on the thread that completes it). Exceptions from \p fn are
  /// printed and ignored, as Python logs them.
  template <class F> void add_done_callback(F fn) {
    S->addDoneCallback([Fn = std::move(fn)](detail::StateBase &B) mutable {
      Future<R> Self(std::static_pointer_cast<detail::State<R>>(
          B.shared_from_this()));
      Fn(Self);
    });
  }

  bool valid() const { return S != nullptr; }
  friend bool operator==(const Future &A, const Future &B) { return A.S == B.S; }
  /// The shared state (internal).
  const std::shared_ptr<detail::State<R>> &state() const { return S; }

private:
  std::shared_ptr<detail::State<R>> S;
};

/// concurrent.futures.ThreadPoolExecutor(max_workers, thread_name_prefix).
/// max_workers unset: min(32, CPUs + 4), as Python. The destructor is the
/// end of Python's `with` block: shutdown(wait=true).
class ThreadPoolExecutor {
public:
  explicit ThreadPoolExecutor(std::optional<int> max_workers = std::nullopt,
                              std::string thread_name_prefix = "",
                              SourceLoc Loc = SourceLoc::current())
      : Base(max_workers, std::move(thread_name_prefix), Loc) {}
  ThreadPoolExecutor(const ThreadPoolExecutor &) = delete;
  ThreadPoolExecutor &operator=(const ThreadPoolExecutor &) = delete;

  /// submit(fn, *args): runs fn(args...) on a worker. Arguments are copied
  /// (std::ref to share). RuntimeError("cannot schedule new futures after
  /// shutdown"). Keyword arguments: use a lambda.
  template <class F> auto submit(F &&fn, SourceLoc Loc = SourceLoc::current()) {
    return submitAt(Loc, std::forward<F>(fn));
  }
  template <class F, class A1>
  auto submit(F &&fn, A1 &&a1, SourceLoc Loc = SourceLoc::current()) {
    return submitAt(Loc, std::forward<F>(fn), std::forward<A1>(a1));
  }
  template <class F, class A1, class A2>
  auto submit(F &&fn, A1 &&a1, A2 &&a2, SourceLoc Loc = SourceLoc::current()) {
    return submitAt(Loc, std::forward<F>(fn), std::forward<A1>(a1),
                    std::forward<A2>(a2));
  }
  template <class F, class A1, class A2, class A3>
  auto submit(F &&fn, A1 &&a1, A2 &&a2, A3 &&a3,
              SourceLoc Loc = SourceLoc::current()) {
    return submitAt(Loc, std::forward<F>(fn), std::forward<A1>(a1),
                    std::forward<A2>(a2), std::forward<A3>(a3));
  }
  template <class F, class A1, class A2, class A3, class A4>
  auto submit(F &&fn, A1 &&a1, A2 &&a2, A3 &&a3, A4 &&a4,
              SourceLoc Loc = SourceLoc::current()) {
    return submitAt(Loc, std::forward<F>(fn), std::forward<A1>(a1),
                    std::forward<A2>(a2), std::forward<A3>(a3),
                    std::forward<A4>(a4));
  }

  /// map(fn, iterable, timeout): submits fn(x) for every x at once and
  /// returns the results in input order. Unlike Python's lazy iterator it
  /// waits for all of them before returning; the first exception (or
  /// TimeoutError when \p timeout seconds from the call pass) is thrown and
  /// the futures not yet collected are cancelled, as Python does.
  template <class F, class Range>
  auto map(F &&fn, const Range &iterable,
           std::optional<double> timeout = std::nullopt,
           SourceLoc Loc = SourceLoc::current()) {
    using Item = decltype(*std::begin(iterable));
    using V = std::decay_t<std::invoke_result_t<std::decay_t<F> &, Item>>;
    std::optional<double> End;
    if (timeout)
      End = *timeout + nowSeconds();
    std::vector<Future<V>> Fs;
    for (auto &&X : iterable)
      Fs.push_back(submitAt(Loc, fn, X));
    auto Remaining = [&]() -> std::optional<double> {
      if (!End)
        return std::nullopt;
      return std::max(*End - nowSeconds(), 0.0);
    };
    size_t Next = 0;
    try {
      if constexpr (std::is_void_v<V>) {
        for (; Next < Fs.size(); ++Next)
          Fs[Next].result(Remaining(), Loc);
      } else {
        std::vector<V> Out;
        Out.reserve(Fs.size());
        for (; Next < Fs.size(); ++Next)
          Out.push_back(Fs[Next].result(Remaining(), Loc));
        return Out;
      }
    } catch (...) {
      for (size_t I = Next; I < Fs.size(); ++I)
        Fs[I].cancel(Loc);
      throw;
    }
  }

  /// shutdown(wait=True, cancel_futures=False).
  void shutdown(bool wait = true, bool cancel_futures = false,
                SourceLoc Loc = SourceLoc::current()) {
    Base.shutdown(wait, cancel_futures, Loc);
  }
  int max_workers() const { return Base.maxWorkers(); }

private:
  static double nowSeconds();
  template <class F, class... Args>
  auto submitAt(SourceLoc Loc, F &&Fn, Args &&...A) {
    using Raw = std::invoke_result_t<std::decay_t<F> &, std::decay_t<Args> &...>;
    using V = std::conditional_t<std::is_void_v<Raw>, void, std::decay_t<Raw>>;
    auto Call = [Fn = std::decay_t<F>(std::forward<F>(Fn)),
                 Tup = std::make_tuple(std::decay_t<Args>(
                     std::forward<Args>(A))...)]() mutable -> V {
      return std::apply(Fn, Tup);
    };
    auto S = std::make_shared<detail::Task<V, decltype(Call)>>(std::move(Call));
    Base.submitState(S, Loc);
    return Future<V>(std::move(S));
  }

  detail::ExecutorBase Base;
};

/// wait()'s result: Python's DoneAndNotDoneFutures (two sets); here two
/// vectors in input order, duplicates removed.
template <class R> struct DoneAndNotDoneFutures {
  std::vector<Future<R>> done;
  std::vector<Future<R>> not_done;
};

namespace detail {
/// The distinct futures of \p Fs (Python makes a set of them).
template <class Range> auto distinct(const Range &Fs) {
  using F = std::decay_t<decltype(*std::begin(Fs))>;
  std::vector<F> Out;
  for (const auto &X : Fs)
    if (std::find(Out.begin(), Out.end(), X) == Out.end())
      Out.push_back(X);
  return Out;
}
template <class R>
std::vector<StateBase *> statesOf(const std::vector<Future<R>> &Fs) {
  std::vector<StateBase *> Out;
  for (const auto &F : Fs)
    Out.push_back(F.state().get());
  return Out;
}
} // namespace detail

/// wait(fs, timeout=None, return_when=ALL_COMPLETED).
template <class Range>
auto wait(const Range &fs, std::optional<double> timeout = std::nullopt,
          ReturnWhen return_when = ALL_COMPLETED,
          SourceLoc Loc = SourceLoc::current()) {
  auto Fs = detail::distinct(fs);
  using R = typename detail::FutureValue<typename decltype(Fs)::value_type>::type;
  std::vector<bool> Done =
      detail::waitFor(detail::statesOf(Fs), timeout, return_when, Loc);
  DoneAndNotDoneFutures<R> Out;
  for (size_t I = 0; I < Fs.size(); ++I)
    (Done[I] ? Out.done : Out.not_done).push_back(Fs[I]);
  return Out;
}

/// as_completed(fs, timeout=None): iterate to get each future as it
/// completes (those already done first, in input order). Iterating past
/// \p timeout seconds from the call throws TimeoutError("N (of M) futures
/// unfinished").
template <class R> class AsCompleted {
public:
  AsCompleted(std::vector<Future<R>> Fs, std::optional<double> Timeout,
              SourceLoc Loc)
      : Fs(std::move(Fs)), Stream(detail::statesOf(this->Fs), Timeout, Loc) {}

  class iterator {
  public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Future<R>;
    using difference_type = std::ptrdiff_t;
    using pointer = Future<R> *;
    using reference = Future<R> &;
    iterator() = default;
    explicit iterator(AsCompleted *A) : A(A) { advance(); }
    reference operator*() const { return A->Fs[Index]; }
    pointer operator->() const { return &A->Fs[Index]; }
    iterator &operator++() {
      advance();
      return *this;
    }
    bool operator==(const iterator &O) const { return A == O.A; }

  private:
    void advance() {
      long I = A->Stream.next();
      if (I < 0)
        A = nullptr;
      else
        Index = static_cast<size_t>(I);
    }
    AsCompleted *A = nullptr;
    size_t Index = 0;
  };
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(); }

private:
  std::vector<Future<R>> Fs;
  detail::Completions Stream;
};

template <class Range>
auto as_completed(const Range &fs, std::optional<double> timeout = std::nullopt,
                  SourceLoc Loc = SourceLoc::current()) {
  auto Fs = detail::distinct(fs);
  using R = typename detail::FutureValue<typename decltype(Fs)::value_type>::type;
  return AsCompleted<R>(std::move(Fs), timeout, Loc);
}

} // namespace weft::futures

#endif
