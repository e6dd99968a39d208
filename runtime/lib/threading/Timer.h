//===- runtime/lib/threading/Timer.h - the state behind threading.Timer -------------===//
//
// Happens-before: start happens before the function runs (a Thread).
//
// cancel() sets the Event `finished`.
//
// Python's Timer.run: finished.wait(interval); if not finished.is_set():
// function(); finished.set(). The state is shared between the Timer object
// and its thread's target, so destroying a daemon Timer that still runs
// leaves the thread a valid Event and function.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_TIMER_H
#define WEFT_RUNTIME_TIMER_H

#include "weft/threading.h"

#include <functional>
#include <source_location>

namespace weft::core {

struct TimerState {
  TimerState(double Interval, std::function<void()> Function,
             const std::source_location &Loc)
      : Interval(Interval), Function(std::move(Function)), Loc(Loc),
        Finished(Loc) {}
  /// The timer thread's body (user code: no ThreadSanitizer ignore scope).
  void run();

  const double Interval;
  std::function<void()> Function;
  const std::source_location Loc; // where the Timer was made
  threading::Event Finished;
};

} // namespace weft::core

#endif
