//===- runtime/lib/asyncio/Queue.cpp - asyncio.Queue --------------------------===//
//
// Happens-before: a put happens before the get that receives its item
// (QueuePut -> QueueGot, FIFO); every task_done happens before the return
// of join (TaskDone -> QueueJoined). A task that must wait (get of an
// empty queue, put into a full one, join with unfinished items) is parked
// with WaitBlock; the task that makes its wait end records its WaitWake
// and reserves it the item (or the free slot), so no other task can take
// it before the woken one runs.
//===----------------------------------------------------------------------===//
#include "asyncio/Loop.h"

#include "core/Actor.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <deque>

namespace weft::asyncio::detail {

using trace::EventKind;

struct QueueCore final : Waitable {
  uint32_t Id = 0;
  std::deque<TaskState *> Getters, Putters, Joiners;
  /// Woken getters (putters) that have not resumed yet, each with an item
  /// (a slot) reserved.
  std::vector<TaskState *> WokenGetters, WokenPutters;
  uint64_t Unfinished = 0;
  void forget(TaskState &T) override {
    std::erase(Getters, &T);
    std::erase(Putters, &T);
    std::erase(Joiners, &T);
  }
  void wake(std::deque<TaskState *> &From, std::vector<TaskState *> &Woken) {
    TaskState *W = From.front();
    From.pop_front();
    Woken.push_back(W);
    rt().Rec.sync(EventKind::WaitWake, trace::WakeGranted, W->Actor->Id, Id, 0);
    W->L->makeReady(*W);
  }
};

QueueBase::QueueBase(size_t MaxSize, std::string Name, const SourceLoc &Loc)
    : MaxSize(MaxSize), C(new QueueCore()) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = rt();
  C->Id = R.Rec.newObject(trace::ObjectType::AsyncioQueue, R.Rec.site(Loc),
                          Name);
}

QueueBase::~QueueBase() = default;

bool QueueBase::full(size_t N) const {
  return MaxSize > 0 && N + C->WokenPutters.size() >= MaxSize;
}

size_t QueueBase::available(size_t N) const {
  return N > C->WokenGetters.size() ? N - C->WokenGetters.size() : 0;
}

void QueueBase::putting(const SourceLoc &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  rt().Rec.sync(EventKind::QueuePut, 0, currentActor(), C->Id, siteOf(Loc));
  ++C->Unfinished;
  if (!C->Getters.empty())
    C->wake(C->Getters, C->WokenGetters);
}

void QueueBase::got(const SourceLoc &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  rt().Rec.sync(EventKind::QueueGot, 0, currentActor(), C->Id, siteOf(Loc));
  if (!C->Putters.empty())
    C->wake(C->Putters, C->WokenPutters);
}

void QueueBase::task_done(const SourceLoc &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = rt();
  const bool TooMany = C->Unfinished == 0;
  R.Rec.sync(EventKind::TaskDone, TooMany ? trace::TaskDoneTooMany : 0,
             currentActor(), C->Id, siteOf(Loc));
  if (TooMany)
    throw ValueError("task_done() called too many times");
  if (--C->Unfinished == 0)
    for (TaskState *W : std::exchange(C->Joiners, {})) {
      R.Rec.sync(EventKind::WaitWake, trace::WakeGranted, W->Actor->Id, C->Id,
                 0);
      W->L->makeReady(*W);
    }
}

bool QueueBase::Waiter::await_ready() {
  if (Kind == Get)
    return Q.available(Q.Size) > 0;
  if (Kind == Put)
    return !Q.full(Q.Size);
  return Q.C->Unfinished == 0;
}

void QueueBase::Waiter::await_suspend(std::coroutine_handle<> H) {
  WEFT_TSAN_IGNORE_ACCESSES();
  TaskState &T = currentTask("Queue");
  const uint32_t Site = siteOf(Loc);
  rt().Rec.sync(EventKind::WaitBlock, 0, T.Actor->Id, Q.C->Id, Site);
  (Kind == Get ? Q.C->Getters : Kind == Put ? Q.C->Putters : Q.C->Joiners)
      .push_back(&T);
  suspend(H, Q.C.get(), Site);
}

void QueueBase::Waiter::await_resume() {
  TaskState &T = currentTask("Queue");
  QueueCore &C = *Q.C;
  auto Release = [&](std::vector<TaskState *> &Woken,
                     std::deque<TaskState *> &Next) {
    auto It = std::find(Woken.begin(), Woken.end(), &T);
    if (It == Woken.end())
      return false;
    Woken.erase(It);
    if (T.CancelPending && !Next.empty()) // pass the reservation on
      C.wake(Next, Woken);
    return true;
  };
  if (Kind == Get)
    Release(C.WokenGetters, C.Getters);
  else if (Kind == Put)
    Release(C.WokenPutters, C.Putters);
  resumed();
}

Coroutine<void> QueueBase::join(SourceLoc Loc) {
  co_await Waiter{*this, Loc, Waiter::Join};
  rt().Rec.sync(EventKind::QueueJoined, 0, currentActor(), C->Id, siteOf(Loc));
}

} // namespace weft::asyncio::detail
