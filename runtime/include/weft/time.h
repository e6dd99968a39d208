//===- weft/time.h - Python's time.sleep / time.time ----------------------===//
//
// sleep blocks through the runtime's wait/wake kernel, so under the
// controlled scheduler it is virtual time.
//===----------------------------------------------------------------------===//
#ifndef WEFT_TIME_H
#define WEFT_TIME_H

#include <source_location>

namespace weft::time {

/// time.sleep(seconds). Negative: ValueError("sleep length must be non-negative").
void sleep(double Seconds,
           std::source_location Loc = std::source_location::current());
/// time.time(): seconds since the epoch.
double time();
/// time.monotonic()
double monotonic();

} // namespace weft::time

#endif
