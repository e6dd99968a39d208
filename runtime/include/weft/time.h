//===- weft/time.h - Python's time.sleep / time.time ----------------------===//
//
// sleep blocks through the runtime's wait/wake kernel, so under the
// controlled scheduler it is virtual time. The clocks follow it there too:
// time() is the wall clock at the start of the run plus the virtual time
// elapsed, monotonic() and perf_counter() are the virtual time (from 0), so
// a program that prints how long its sleeps took prints what a real run
// prints (docs/controlled.md).
//===----------------------------------------------------------------------===//
#ifndef WEFT_TIME_H
#define WEFT_TIME_H

#include <cstdint>
#include <source_location>

namespace weft::time {

/// time.sleep(seconds). Negative: ValueError("sleep length must be non-negative").
void sleep(double Seconds,
           std::source_location Loc = std::source_location::current());
/// time.time(): seconds since the epoch.
double time();
/// time.time_ns(): nanoseconds since the epoch.
int64_t time_ns();
/// time.monotonic(): seconds on a clock that never goes back (its origin is
/// undefined, as in Python).
double monotonic();
/// time.monotonic_ns()
int64_t monotonic_ns();
/// time.perf_counter(): the same clock as monotonic() (as CPython on Linux).
double perf_counter();
/// time.perf_counter_ns()
int64_t perf_counter_ns();

} // namespace weft::time

#endif
