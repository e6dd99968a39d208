//===- runtime/lib/asyncio/Sleep.cpp - asyncio.sleep --------------------------===//
//
// Records Sleep with flags SleepAsync (only the task waits, not its thread)
// and arms a timer on the kernel's clock; sleep(0) goes to the back of the
// ready tasks. No happens-before edge.
//===----------------------------------------------------------------------===//
#include "asyncio/Loop.h"

#include "core/Actor.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <cmath>

namespace weft::asyncio {

using namespace detail;

void SleepAwaiter::await_suspend(std::coroutine_handle<> H) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (std::isnan(Seconds))
    throw ValueError("Invalid value NaN (not a number)");
  TaskState &T = currentTask("asyncio.sleep");
  core::Runtime &R = rt();
  const double Us = Seconds > 0 ? Seconds * 1e6 : 0;
  const uint32_t Saturated = Us >= 4294967295.0 ? UINT32_MAX : uint32_t(Us);
  const uint32_t Site = siteOf(Loc);
  R.Rec.sync(trace::EventKind::Sleep, trace::SleepAsync, T.Actor->Id,
             Saturated, Site);
  suspend(H, nullptr, Site);
  if (Seconds > 0)
    T.L->armTimer(T, core::kernel().deadlineAfter(Seconds));
  else
    T.L->makeReady(T);
}

void SleepAwaiter::await_resume() { resumed(); }

} // namespace weft::asyncio
