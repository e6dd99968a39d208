//===- runtime/lib/multiprocessing/Lock.cpp - multiprocessing.Lock -----------===//
//
// Python's multiprocessing/synchronize.py Lock over a SharedMutex
// (SharedMemory.h). Recorded as a threading Lock is (lock-request,
// lock-acquired, lock-released on the object id the creating process gave
// it; a forked child's trace defines the same id), so each process's
// detectors see its part; the cycle between processes is CrossDeadlock's.
//===----------------------------------------------------------------------===//
#include "weft/multiprocessing.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "multiprocessing/CrossDeadlock.h"
#include "multiprocessing/SharedMemory.h"
#include "tsan/TsanAnnotations.h"
#include "trace/ObjectName.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace weft::multiprocessing::detail {
struct SharedLock {
  mp_impl::SharedMutex M;
  uint32_t Object = 0;
};
} // namespace weft::multiprocessing::detail

namespace weft::multiprocessing {

Lock::Lock(SourceLoc Loc) : S(mp_impl::sharedNew<detail::SharedLock>()) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  S->Object = R.Rec.newObject(trace::ObjectType::ProcessLock, R.Rec.site(Loc), "");
  // The one spelling of an object (trace/ObjectName.h), kept in the shared
  // memory for the reports of the other processes.
  std::string Name = trace::describeObject(
      trace::objectTypeName(trace::ObjectType::ProcessLock), "",
      Loc.file_name(), Loc.line(), Loc.column(), S->Object, nullptr);
  std::snprintf(S->M.Name, sizeof S->M.Name, "%s", Name.c_str());
}

bool Lock::acquire(bool Block, std::optional<double> Timeout, SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  core::Actor &Me = core::self();
  uint32_t Site = R.Rec.site(Loc);
  std::optional<int64_t> Deadline;
  if (!Block)
    Deadline = 0;
  else if (Timeout)
    Deadline = mp_impl::clockNow() +
               static_cast<int64_t>(std::max(0.0, *Timeout) * 1e9);
  bool Got = S->M.Word.load() == 0 && mp_impl::acquireShared(S->M, 0, Loc);
  if (!Got) {
    uint8_t Flags = (Block ? trace::LockBlocking : 0) |
                    (Block && Timeout ? trace::LockTimed : 0);
    R.Rec.sync(trace::EventKind::LockRequest, Flags, Me.Id, S->Object, Site);
    Got = mp_impl::acquireShared(S->M, Deadline, Loc);
  }
  R.Rec.sync(Got ? trace::EventKind::LockAcquired : trace::EventKind::LockFailed,
             0, Me.Id, S->Object, Site);
  return Got;
}

void Lock::release(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (S->M.Word.load() == 0)
    throw ValueError("semaphore or lock released too many times");
  core::Runtime &R = core::runtime();
  R.Rec.sync(trace::EventKind::LockReleased, 0, core::self().Id, S->Object,
             R.Rec.site(Loc));
  mp_impl::releaseShared(S->M);
}

} // namespace weft::multiprocessing
