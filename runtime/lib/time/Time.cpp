//===- runtime/lib/time/Time.cpp - time.sleep, time.time, time.monotonic -------===//
//
// sleep parks through the Kernel (virtual time under the controlled
// scheduler) and records a Sleep event; it creates no happens-before edge.
// The clocks read the kernel's time: under control, monotonic() and
// perf_counter() are the virtual clock and time() is a fixed origin
// (ControlledKernel::wallEpochNs: 2000-01-01 00:00:00 UTC) plus the
// virtual time. Reading a
// clock is not an operation (no event, no scheduling point).
//===----------------------------------------------------------------------===//
#include "weft/time.h"

#include "sched/ControlledKernel.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
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

int64_t time_ns() {
  core::Kernel &K = core::kernel(); // creates the runtime: native or not
  if (core::ControlledKernel *C = core::controlledKernel())
    return C->wallEpochNs() + K.now();
  timespec T;
  clock_gettime(CLOCK_REALTIME, &T);
  return static_cast<int64_t>(T.tv_sec) * 1000000000 + T.tv_nsec;
}

double time() {
  int64_t Ns = time_ns();
  // A double, as Python's (about 0.2 us resolution at today's dates).
  return double(Ns / 1000000000) + double(Ns % 1000000000) / 1e9;
}

int64_t monotonic_ns() { return core::kernel().now(); }

double monotonic() { return double(core::kernel().now()) / 1e9; }

int64_t perf_counter_ns() { return monotonic_ns(); }

double perf_counter() { return monotonic(); }

} // namespace weft::time
