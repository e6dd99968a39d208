//===- runtime/lib/asyncio/Loop.cpp - asyncio.run and the event loop ----------===//
#include "asyncio/Loop.h"

#include "asyncio/Warnings.h"
#include "core/Actor.h"
#include "core/Clock.h"
#include "core/Kernel.h"
#include "sched/ControlledKernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>

namespace weft::asyncio::detail {

using trace::EventKind;

namespace {
thread_local Loop *Running = nullptr;

/// asyncio's slow_callback_duration: a longer step is a loop-stalled.
constexpr int64_t SlowStepNs = 100000000;

/// The time a step is measured with: the kernel's (virtual under
/// --schedule), natively its coarse tick (a few ms of resolution is plenty
/// against 100 ms, at a fraction of a precise read's cost).
int64_t stepClock(core::Kernel &K) {
  if (core::controlledKernel())
    return K.now();
  return core::clockNs(CLOCK_MONOTONIC_COARSE);
}
} // namespace

core::Runtime &rt() { return core::runtime(); }

Loop *runningLoop() { return Running; }

TaskState &currentTask(const char *What) {
  if (!Running || !Running->Current)
    throw RuntimeError(std::string(What) + ": no running event loop");
  return *Running->Current;
}

uint16_t currentActor() {
  if (Running && Running->Current)
    return Running->Current->Actor->Id;
  return core::self().Id;
}

uint32_t siteOf(const SourceLoc &Loc) {
  if (Loc.line() == 0)
    return 0;
  return rt().Rec.site(Loc);
}

void suspend(std::coroutine_handle<> H, Waitable *On, uint32_t Site) {
  TaskState &T = currentTask("await");
  T.Resume = H;
  T.SuspendSite = Site;
  T.WaitingOn = On;
}

void resumed() {
  TaskState &T = currentTask("await");
  if (T.CancelPending) {
    T.CancelPending = false;
    throw CancelledError();
  }
}

void Loop::makeReady(TaskState &T) {
  if (T.Ready || T.Done)
    return;
  T.Ready = true;
  T.WaitingOn = nullptr;
  disarmTimer(T);
  ReadyQ.push_back(&T);
}

void Loop::armTimer(TaskState &T, int64_t DeadlineNs) {
  disarmTimer(T);
  T.TimedOut = false;
  T.Timer = Timers.emplace(std::make_pair(DeadlineNs, TimerSeq++), &T);
  T.HasTimer = true;
}

void Loop::disarmTimer(TaskState &T) {
  if (!T.HasTimer)
    return;
  Timers.erase(T.Timer);
  T.HasTimer = false;
}

void Loop::step(TaskState &T) {
  T.Ready = false;
  core::Runtime &R = *this->R;
  core::Actor &A = *T.Actor;
  // The step is the task's: its weft calls record under its actor, and a
  // blocking one parks the thread through the thread's kernel state.
  A.KernelData = Thread->KernelData;
  A.Thread = Thread->Thread; // current_thread() is the loop's thread
  core::bindActor(&A);
  Current = &T;
  if (!T.Begun) {
    T.Begun = true;
    R.Rec.sync(EventKind::ThreadBegin, 0, A.Id, T.Parent, 0);
    if (T.CancelPending) {
      // Cancelled before its first step: the coroutine never runs.
      T.Promise->Exception = std::make_exception_ptr(CancelledError());
      Current = nullptr;
      core::bindActor(Thread);
      A.KernelData = nullptr;
      A.Thread = nullptr;
      T.Resume = {};
      endTask(T);
      return;
    }
  }
  core::Kernel &K = core::kernel();
  const int64_t Start = stepClock(K);
  std::coroutine_handle<> H = std::exchange(T.Resume, {});
  const uint32_t From = T.SuspendSite ? T.SuspendSite : T.StartSite;
  H.resume();
  const int64_t Took = stepClock(K) - Start;
  Current = nullptr;
  core::bindActor(Thread);
  A.KernelData = nullptr;
  A.Thread = nullptr;
  if (Took > SlowStepNs)
    loopStalled(T, Took, From);
  if (!T.Resume)
    endTask(T); // the top frame returned (or threw)
}

void Loop::endTask(TaskState &T) {
  core::Runtime &R = *this->R;
  T.Done = true;
  const bool Threw = T.Promise->Exception != nullptr;
  if (Threw) {
    try {
      std::rethrow_exception(T.Promise->Exception);
    } catch (const CancelledError &) {
      T.Cancelled = true;
    } catch (...) {
    }
  }
  R.Rec.sync(EventKind::ThreadEnd, Threw ? 1 : 0, T.Actor->Id, 0, T.StartSite);
  T.Actor->Alive.store(false, std::memory_order_release);
  for (TaskState *J : std::exchange(T.Joiners, {}))
    makeReady(*J);
  auto It = std::find_if(Tasks.begin(), Tasks.end(),
                         [&](const auto &P) { return P.get() == &T; });
  if (It != Tasks.end()) {
    Ended.push_back(std::move(*It));
    Tasks.erase(It);
  }
}

void Loop::runUntilDone(TaskState &Target) {
  core::Kernel &K = core::kernel();
  // Python's BaseEventLoop._run_once: the timers that are due join the
  // ready tasks, then every task ready at that moment runs one step (those
  // made ready meanwhile wait for the next round).
  while (!Target.Done) {
    if (ReadyQ.empty()) {
      if (Timers.empty()) {
        // Every task waits and no timer is armed: nothing can ever run
        // again. The park lets the Monitor see the waits (it reports the
        // deadlock and ends the run); under --schedule the controlled
        // kernel does.
        K.park(*Thread, std::nullopt);
        continue;
      }
      const int64_t Deadline = Timers.begin()->first.first;
      if (K.now() < Deadline)
        K.sleepUntil(*Thread, Deadline);
    }
    const int64_t Now = K.now();
    while (!Timers.empty() && Timers.begin()->first.first <= Now) {
      TaskState *T = Timers.begin()->second;
      T->TimedOut = true;
      if (T->WaitingOn)
        T->WaitingOn->forget(*T); // wait_for's timeout: no longer waiting
      makeReady(*T);
    }
    for (size_t N = ReadyQ.size(); N > 0 && !ReadyQ.empty(); --N) {
      TaskState *T = ReadyQ.front();
      ReadyQ.pop_front();
      step(*T);
    }
  }
}

std::shared_ptr<TaskState> startRun(std::coroutine_handle<> H, PromiseBase &P,
                                    const SourceLoc &Loc) {
  if (Running) {
    H.destroy();
    throw RuntimeError(
        "asyncio.run() cannot be called from a running event loop");
  }
  auto *L = new Loop();
  L->R = &core::runtime();
  L->Thread = &core::self();
  Running = L;
  return newTask(H, P, Loc);
}

void runLoop(TaskState &Main, const SourceLoc &Loc) {
  // No ignore scope of ThreadSanitizer here: the tasks' steps are the
  // user's code (TsanAnnotations.h).
  Loop &L = *Running;
  core::Runtime &R = *L.R;
  const uint32_t Site = siteOf(Loc);
  const uint16_t Me = L.Thread->Id;
  R.Rec.sync(EventKind::JoinRequest, trace::LockBlocking, Me, Main.Actor->Id,
             Site);
  L.runUntilDone(Main);
  R.Rec.sync(EventKind::ThreadJoin, 0, Me, Main.Actor->Id, Site);
  Main.Retrieved = true; // run() returns its value or raises its exception
  // Python's asyncio.run: the tasks still pending are cancelled, and the
  // loop runs until they have ended.
  while (!L.Tasks.empty()) {
    std::shared_ptr<TaskState> T = L.Tasks.front();
    cancelTask(*T);
    R.Rec.sync(EventKind::JoinRequest, trace::LockBlocking, Me, T->Actor->Id,
               Site);
    L.runUntilDone(*T);
    R.Rec.sync(EventKind::ThreadJoin, 0, Me, T->Actor->Id, Site);
    T->Retrieved = true; // asyncio.run gathers them with return_exceptions
  }
  Running = nullptr;
  for (const std::shared_ptr<TaskState> &T : L.Ended)
    if (!T->Retrieved && !T->Cancelled && T->Promise->Exception)
      exceptionNeverRetrieved(*T);
  // The main task stays alive through run()'s caller's handle; the others
  // go with the loop.
  delete &L;
}

} // namespace weft::asyncio::detail
