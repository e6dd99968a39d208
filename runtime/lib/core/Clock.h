//===- runtime/lib/core/Clock.h - the runtime's own clock reads -----------------===//
//
// Every clock the runtime reads for itself (event times, deadlines, the
// controlled scheduler's watchdog) goes through clockNs. In the TSan build
// it calls the C library's clock_gettime directly, not ThreadSanitizer's
// interceptor: the interceptor records a write of the timespec on the
// caller's stack, which costs a call into TSan per event and faults in a
// page of shadow memory for every new thread.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_CLOCK_H
#define WEFT_RUNTIME_CLOCK_H

#include <cstdint>
#include <ctime>

namespace weft::core {

/// \p Clock's time in nanoseconds (0 if it cannot be read).
int64_t clockNs(clockid_t Clock);

} // namespace weft::core

#endif
