//===- runtime/lib/asyncio/Task.cpp - asyncio.Task: create, await, cancel -----===//
//
// Happens-before: create_task (ThreadStart) happens before the task's
// first step (ThreadBegin); its end (ThreadEnd) happens before the return
// of every await of it (ThreadJoin).
//===----------------------------------------------------------------------===//
#include "asyncio/Loop.h"

#include "core/Actor.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <atomic>

namespace weft::asyncio::detail {

using trace::EventKind;

namespace {
/// asyncio's task name counter: Task-1, Task-2, ... in the process.
std::atomic<unsigned> NameCounter{0};
} // namespace

TaskState::~TaskState() {
  if (Top)
    Top.destroy();
}

void TaskState::forget(TaskState &T) {
  std::erase(Joiners, &T);
}

std::shared_ptr<TaskState> newTask(std::coroutine_handle<> H, PromiseBase &P,
                                   const SourceLoc &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Loop *L = runningLoop();
  if (!L) {
    H.destroy();
    throw RuntimeError("no running event loop");
  }
  core::Runtime &R = *L->R;
  const uint16_t Creator = currentActor();
  auto T = std::make_shared<TaskState>();
  T->L = L;
  T->Top = H;
  T->Resume = H;
  T->Promise = &P;
  T->Parent = Creator;
  T->StartSite = siteOf(Loc);
  std::string Name = "Task-" + std::to_string(++NameCounter);
  core::Actor &A = R.Actors.create(trace::ActorType::Task, Name, false);
  A.StartSite = T->StartSite;
  A.Alive.store(true, std::memory_order_release);
  T->Actor = &A;
  R.Rec.defineActor(A, Name);
  R.Rec.sync(EventKind::ThreadStart, trace::StartTask, Creator, A.Id,
             T->StartSite);
  L->Tasks.push_back(T);
  L->makeReady(*T);
  return T;
}

bool taskDone(const TaskState &T) { return T.Done; }
bool taskCancelled(const TaskState &T) { return T.Done && T.Cancelled; }
std::string taskName(const TaskState &T) {
  return core::runtime().Actors.name(*T.Actor);
}
void markRetrieved(TaskState &T) { T.Retrieved = true; }

void requireDone(const TaskState &T) {
  if (!T.Done)
    throw RuntimeError("Result is not set."); // asyncio.InvalidStateError
}

bool cancelTask(TaskState &T) {
  if (T.Done)
    return false;
  T.CancelPending = true;
  if (!T.Begun)
    return true; // CancelledError at its first await... or never runs
  if (!T.Ready && T.L) {
    // Suspended: taken off what it waits for, it resumes at once.
    if (T.WaitingOn) {
      T.WaitingOn->forget(T);
      core::runtime().Rec.sync(EventKind::WaitWake, trace::WakeAborted,
                               T.Actor->Id, 0, 0);
    }
    T.L->makeReady(T);
  }
  return true;
}

bool JoinAwaiter::await_ready() {
  if (!Target.Done)
    return false;
  Target.Retrieved = true;
  core::runtime().Rec.sync(EventKind::ThreadJoin, 0, currentActor(),
                           Target.Actor->Id, Known ? siteOf(Loc) : 0);
  return true;
}

void JoinAwaiter::await_suspend(std::coroutine_handle<> H) {
  TaskState &Me = currentTask("await");
  if (&Me == &Target)
    throw RuntimeError("Task cannot await on itself");
  const uint32_t Site = Known ? siteOf(Loc) : 0;
  uint8_t Flags = trace::LockBlocking;
  if (Timeout) {
    Flags |= trace::LockTimed;
    core::Kernel &K = core::kernel();
    Me.L->armTimer(Me, K.deadlineAfter(*Timeout));
  }
  core::runtime().Rec.sync(EventKind::JoinRequest, Flags, Me.Actor->Id,
                           Target.Actor->Id, Site);
  Target.Joiners.push_back(&Me);
  Suspended = true;
  suspend(H, &Target, Site);
}

bool JoinAwaiter::await_resume() {
  if (!Suspended)
    return true; // await_ready recorded the join
  TaskState &Me = currentTask("await");
  const bool Ended = Target.Done;
  core::runtime().Rec.sync(EventKind::ThreadJoin, Ended ? 0 : 1, Me.Actor->Id,
                           Target.Actor->Id, Known ? siteOf(Loc) : 0);
  if (Ended)
    Target.Retrieved = true;
  resumed();
  return Ended;
}

} // namespace weft::asyncio::detail
