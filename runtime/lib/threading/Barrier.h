//===- runtime/lib/threading/Barrier.h - the state behind threading.Barrier ---------===//
//
// Happens-before: every arrival at a cycle happens before any pass of it.
//
// Python's algorithm (Lib/threading.py), with its states filling, draining,
// resetting and broken, on an InternalMutex and one WaitQueue that every
// waiter parks on: state changes grant all waiters (reason Aborted when the
// barrier breaks or resets), and each re-checks the condition it waits for,
// as Python's Condition.wait_for does. Python runs the action while holding
// the barrier's lock; here the last arriver runs it with the mutex released
// and InAction set, and everyone else who would need the lock (a new
// arrival, reset, abort) waits until the last arriver has let the cycle
// pass. The action runs outside the runtime's ThreadSanitizer ignore scope. Events: BarrierWait on
// arrival (before the count changes), BarrierPassed when wait returns or
// raises (flags=1: broken); the WaitQueue records WaitBlock / WaitWake.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_BARRIER_H
#define WEFT_RUNTIME_BARRIER_H

#include "core/Futex.h"
#include "core/WaitQueue.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <source_location>
#include <vector>

namespace weft::core {

struct BarrierCore {
  /// ValueError("parties must be >= 1").
  BarrierCore(int Parties, std::function<void()> Action,
              std::optional<double> Timeout, const std::source_location &Loc);

  /// The arrival index; BrokenBarrierError if the barrier is or breaks.
  int wait(std::optional<double> Timeout, const std::source_location &Loc);
  void reset(const std::source_location &Loc);
  void abort(const std::source_location &Loc);
  int parties() const { return Parties; }
  int nWaiting() const;
  bool broken() const;
  /// Waited on: freeing it now would strand the waiters.
  bool busy() const;
  uint32_t id() const { return Id; }

private:
  enum class State { Filling, Draining, Resetting, Broken };
  using Guard = std::unique_lock<InternalMutex>;
  struct Arrival {
    Actor &Me;
    uint32_t Site;
    int Index;
    std::optional<double> Timeout;
    bool RunAction; // the last arriver, with an action to run
  };
  /// wait() in three steps, so the action runs outside the runtime's
  /// ThreadSanitizer ignore scope: arrive (Python's _enter and count),
  /// actionFailed (the action raised), pass (_release or _wait, and _exit).
  Arrival arrive(std::optional<double> Timeout,
                 const std::source_location &Loc);
  void actionFailed(Arrival &A);
  int pass(Arrival &A);
  /// Parks \p Me until \p Ready() (re-checked after every wake-up) or the
  /// deadline; returns Ready()'s last value.
  template <class Pred>
  bool waitUntil(Guard &G, Actor &Me, uint32_t Site,
                 std::optional<int64_t> Deadline, Pred Ready);
  /// Waits while another actor runs the action (Python: the lock is held).
  void waitForAction(Guard &G, Actor &Me, uint32_t Site);
  void breakLocked(std::vector<Actor *> &Woken);

  const int Parties;
  std::function<void()> Action;
  const std::optional<double> DefaultTimeout;
  uint32_t Id = 0;
  mutable InternalMutex Mu;
  WaitQueue Q;
  State St = State::Filling;
  int Count = 0;
  Actor *InAction = nullptr; // the last arriver, until everyone may pass
};

} // namespace weft::core

#endif
