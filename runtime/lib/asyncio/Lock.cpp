//===- runtime/lib/asyncio/Lock.cpp - asyncio.Lock ----------------------------===//
//
// Happens-before: a release happens before the acquire that next obtains
// the lock (LockReleased -> LockAcquired). A task that finds it held
// records a blocking LockRequest (the wait-for graph's edge to the holder)
// and waits in FIFO order; release() hands the lock to the first waiter,
// which records its LockAcquired when it resumes. Not owned: any task may
// release it, as in Python.
//===----------------------------------------------------------------------===//
#include "asyncio/Loop.h"

#include "core/Actor.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <deque>

namespace weft::asyncio {

using namespace detail;
using trace::EventKind;

namespace detail {
struct LockCore final : Waitable {
  uint32_t Id = 0;
  bool Locked = false;
  /// The waiter the lock was handed to, until it resumes.
  TaskState *HandedTo = nullptr;
  std::deque<TaskState *> Waiters;
  void forget(TaskState &T) override { std::erase(Waiters, &T); }
  /// The lock goes to the first waiter, or becomes free.
  void handOn() {
    if (Waiters.empty()) {
      Locked = false;
      HandedTo = nullptr;
      return;
    }
    HandedTo = Waiters.front(); // stays locked: handed over
    Waiters.pop_front();
    HandedTo->L->makeReady(*HandedTo);
  }
};
} // namespace detail

Lock::Lock(std::string Name, SourceLoc Loc) : C(new LockCore()) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = rt();
  C->Id = R.Rec.newObject(trace::ObjectType::AsyncioLock, R.Rec.site(Loc),
                          Name);
}

Lock::~Lock() = default;

bool Lock::locked() const { return C->Locked; }

void Lock::release(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (!C->Locked)
    throw RuntimeError("Lock is not acquired.");
  core::Runtime &R = rt();
  R.Rec.sync(EventKind::LockReleased, 0, currentActor(), C->Id, siteOf(Loc));
  C->handOn();
}

bool Lock::AcquireAwaiter::await_ready() {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (L.C->Locked)
    return false;
  L.C->Locked = true;
  rt().Rec.sync(EventKind::LockAcquired, 0, currentActor(), L.C->Id,
                siteOf(Loc));
  return true;
}

void Lock::AcquireAwaiter::await_suspend(std::coroutine_handle<> H) {
  WEFT_TSAN_IGNORE_ACCESSES();
  TaskState &T = currentTask("Lock.acquire");
  const uint32_t Site = siteOf(Loc);
  rt().Rec.sync(EventKind::LockRequest, trace::LockBlocking, T.Actor->Id,
                L.C->Id, Site);
  L.C->Waiters.push_back(&T);
  Suspended = true;
  suspend(H, L.C.get(), Site);
}

bool Lock::AcquireAwaiter::await_resume() {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (!Suspended)
    return true; // await_ready took it
  TaskState &T = currentTask("Lock.acquire");
  if (T.CancelPending) {
    // Cancelled while waiting (taken off the waiters by cancel()), or
    // after the lock was handed to it: then it passes the lock on.
    if (L.C->HandedTo == &T)
      L.C->handOn();
    resumed();
  }
  L.C->HandedTo = nullptr;
  rt().Rec.sync(EventKind::LockAcquired, 0, T.Actor->Id, L.C->Id,
                siteOf(Loc));
  return true;
}

} // namespace weft::asyncio
