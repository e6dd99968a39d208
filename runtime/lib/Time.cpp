//===- runtime/lib/Time.cpp - time.sleep, time.time, time.monotonic -------===//
//
// sleep parks through the Kernel (virtual time under the controlled
// scheduler) and records a Sleep event; it creates no happens-before edge.
//===----------------------------------------------------------------------===//
#include "weft/time.h"

#include "Kernel.h"
#include "Runtime.h"
#include "TsanAnnotations.h"
#include "weft/errors.h"

#include <cmath>
#include <time.h>

namespace weft::time {

void sleep(double Seconds, std::source_location Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (std::isnan(Seconds))
    throw ValueError("Invalid value NaN (not a number)");
  if (Seconds < 0)
    throw ValueError("sleep length must be non-negative");
  core::Runtime &R = core::runtime();
  core::Actor &Me = core::self();
  double Us = Seconds * 1e6;
  uint32_t Saturated = Us >= 4294967295.0 ? UINT32_MAX : uint32_t(Us);
  R.Rec.sync(trace::EventKind::Sleep, 0, Me.Id, Saturated, R.Rec.site(Loc));
  core::Kernel &K = core::kernel();
  K.sleepUntil(Me, K.deadlineAfter(Seconds));
}

double time() {
  timespec T;
  clock_gettime(CLOCK_REALTIME, &T);
  return double(T.tv_sec) + double(T.tv_nsec) / 1e9;
}

double monotonic() { return double(core::kernel().now()) / 1e9; }

} // namespace weft::time
