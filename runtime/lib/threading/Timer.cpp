//===- runtime/lib/threading/Timer.cpp - threading.Timer ----------------------------===//
#include "threading/Timer.h"

namespace weft::core {

void TimerState::run() {
  // A timed kernel wait (virtual time under the controlled scheduler); a
  // negative interval does not wait, as in Python.
  Finished.wait(Interval, Loc);
  if (!Finished.is_set())
    Function();
  Finished.set(Loc);
}

} // namespace weft::core

namespace weft::threading {

Timer::Timer(TimerInterval Interval, std::function<void()> Function)
    : Timer(std::make_shared<core::TimerState>(
          Interval.Seconds, std::move(Function), Interval.Loc)) {}

Timer::Timer(std::shared_ptr<core::TimerState> St)
    : Thread(ThreadOptions{}, [St] { St->run(); }), S(std::move(St)) {}

Timer::~Timer() = default; // ~Thread waits for a running non-daemon timer

void Timer::cancel(SourceLoc Loc) { S->Finished.set(Loc); }
double Timer::interval() const { return S->Interval; }
Event &Timer::finished() const { return S->Finished; }

} // namespace weft::threading
