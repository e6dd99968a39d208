//===- runtime/lib/core/Clock.cpp - the runtime's own clock reads ---------------===//
#include "core/Clock.h"

#include "tsan/TsanAnnotations.h"

#ifdef WEFT_TSAN_ENABLED
#include <dlfcn.h>
#endif

namespace weft::core {
namespace {

using ClockFn = int (*)(clockid_t, timespec *);

#ifdef WEFT_TSAN_ENABLED
/// The C library's clock_gettime. The runtime is linked into the program,
/// like TSan's interceptors, so the next definition after the program's
/// own is the C library's.
ClockFn libcClock() {
  static const ClockFn Fn = [] {
    void *P = dlsym(RTLD_NEXT, "clock_gettime");
    return P ? reinterpret_cast<ClockFn>(P) : &::clock_gettime;
  }();
  return Fn;
}
#else
ClockFn libcClock() { return &::clock_gettime; }
#endif

} // namespace

int64_t clockNs(clockid_t Clock) {
  timespec T;
  if (libcClock()(Clock, &T) != 0)
    return 0;
  return static_cast<int64_t>(T.tv_sec) * 1000000000 + T.tv_nsec;
}

} // namespace weft::core
