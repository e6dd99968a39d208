//===- runtime/lib/futures/FutureCore.h - the state behind a Future ---------------===//
//
// Happens-before: submit happens before the task starts; the task's end (a
// value, an exception or a cancel) happens before result() / exception()
// return it, before the done callbacks run, and before a wait() or
// as_completed() that sees the future done, and before done() or
// cancelled() return true; add_done_callback() happens before its callback
// runs.
//
// Python's Future: a state (PENDING, RUNNING, CANCELLED, FINISHED), the
// outcome, callbacks and waiters under one condition. Here: one
// InternalMutex, a WaitQueue for result()/exception() waiters and a list of
// Observers for multi-future waits (wait, as_completed), each an
// InternalMutex + WaitQueue of its own that the completing actor feeds
// after releasing the future's mutex (never two of these mutexes at once).
//
// Events: FutureStart (the worker took it), FutureDone (flags=FutureOutcome;
// recorded before the outcome becomes visible), FutureResult (a caller got
// the outcome). TSan: release on the core at done, acquire at every reader
// (and release at add_done_callback, acquire before the callback runs);
// every reference to the state is dropped by StateBase::dropReference
// (release, then decrement; the last one acquires before the free).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_FUTURECORE_H
#define WEFT_RUNTIME_FUTURECORE_H

#include "core/Futex.h"
#include "core/WaitQueue.h"
#include "weft/futures.h"

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace weft::core {

struct Actor;

/// A multi-future wait: completions are pushed here by the actors that
/// complete the futures.
struct Observer {
  InternalMutex Mu;
  WaitQueue Q;
  /// (future, ended by an exception) in completion order.
  std::vector<std::pair<futures::detail::StateBase *, bool>> Completed;
};

class FutureCore {
public:
  enum class Phase : uint8_t { Pending, Running, Cancelled, Finished };

  /// The trace object id, given at submit.
  void setId(uint32_t I) { Id = I; }
  uint32_t id() const { return Id; }

  /// Pending -> Running (records FutureStart); false if it was cancelled.
  bool start(Actor &Me);
  /// Running -> Finished with \p E (null: a value). Returns the callbacks to
  /// run (outside any runtime scope: they are user code).
  std::vector<std::function<void(futures::detail::StateBase &)>>
  finish(futures::detail::StateBase &Self, Actor &Me, std::exception_ptr E);
  /// Pending -> Cancelled; the callbacks to run, or nullopt if it could not
  /// be cancelled (running or finished). \p Site: of the cancel call.
  bool cancel(futures::detail::StateBase &Self, Actor &Me, uint32_t Site,
              std::vector<std::function<void(futures::detail::StateBase &)>> &Run);
  /// Waits until done or \p Deadline (false on timeout). Under Mu.
  std::exception_ptr outcome(std::optional<int64_t> Deadline, Actor &Me,
                             uint32_t Site);

  Phase phase() const;
  bool isDone() const;
  bool raised() const; // finished by an exception (not cancelled)
  /// Runs \p Fn later (returns true) or, if already done, returns false.
  bool addCallback(std::function<void(futures::detail::StateBase &)> &Fn);
  /// Installs \p O; false (and not installed) if already done.
  bool observe(const std::shared_ptr<Observer> &O);
  void unobserve(const std::shared_ptr<Observer> &O);

private:
  /// The common end of finish and cancel: wakes waiters and observers.
  void completeLocked(std::unique_lock<InternalMutex> &G,
                      futures::detail::StateBase &Self, bool Raised);

  mutable InternalMutex Mu;
  uint32_t Id = 0;
  Phase P = Phase::Pending;
  std::exception_ptr Exc;
  WaitQueue Waiters;
  std::vector<std::function<void(futures::detail::StateBase &)>> Callbacks;
  std::vector<std::shared_ptr<Observer>> Observers;
};

/// Runs done callbacks, printing (not propagating) their exceptions as
/// Python's logger does.
void runCallbacks(
    futures::detail::StateBase &S,
    std::vector<std::function<void(futures::detail::StateBase &)>> &Fns);

} // namespace weft::core

#endif
