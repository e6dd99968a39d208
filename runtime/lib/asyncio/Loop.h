//===- runtime/lib/asyncio/Loop.h - the event loop and its tasks --------------===//
//
// One Loop per asyncio::run, on the calling thread. A task is an actor of
// type Task (trace/ObjectTypes.def) with Python's name; the loop resumes
// one task at a time for one step (to its next suspension), with that
// task's actor bound to the thread, so every weft call made in the step is
// the task's event (and, under the controlled scheduler, shares the
// thread's scheduler state). How tasks appear in the trace:
//   create_task   ThreadStart (flags StartTask) by the creator
//   first step    ThreadBegin by the task
//   end           ThreadEnd by the task (flags 1: by an exception)
//   await task    JoinRequest if it must wait, ThreadJoin when it returns
//   asyncio.run   the thread's JoinRequest / ThreadJoin of the main task
// so the shared detectors see a task waiting for another as a join, and
// every task waiting with no timer armed as every actor stuck: a deadlock
// finding instead of a hang.
//
// Time: timers are deadlines on core::kernel()'s clock; when no task is
// ready the thread sleeps through the kernel to the first one (virtual
// time under --schedule), and with no timer at all it parks for good,
// which lets the Monitor (native) or the controlled kernel end the run
// with the deadlock it has found.
//
// Threading: a loop and its tasks belong to one thread; nothing is locked.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_ASYNCIO_LOOP_H
#define WEFT_RUNTIME_ASYNCIO_LOOP_H

#include "weft/asyncio.h"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weft::core {
struct Actor;
struct Runtime;
} // namespace weft::core

namespace weft::asyncio::detail {

struct Loop;

/// Something a suspended task is registered with (a primitive's waiters,
/// a task's joiners, the timers): cancel() takes it out again.
struct Waitable {
  virtual ~Waitable() = default;
  virtual void forget(TaskState &T) = 0;
};

struct TaskState final : Waitable {
  ~TaskState() override;
  void forget(TaskState &T) override; // a joiner that gave up

  core::Actor *Actor = nullptr;
  Loop *L = nullptr;
  /// The top frame (owned) and the frame to resume at the next step.
  std::coroutine_handle<> Top;
  PromiseBase *Promise = nullptr;
  std::coroutine_handle<> Resume;
  /// The site of the await it is suspended at (0: none or not yet).
  uint32_t SuspendSite = 0;
  uint16_t Parent = 0;
  uint32_t StartSite = 0;
  bool Begun = false, Done = false, Cancelled = false;
  /// cancel() was called: CancelledError at the next resumption.
  bool CancelPending = false;
  /// Its outcome was looked at (await, result(), exception()).
  bool Retrieved = false;
  bool Ready = false;
  /// Where it is registered while suspended (null: ready or a timer only).
  Waitable *WaitingOn = nullptr;
  /// Its timer, if armed (Loop::Timers).
  std::multimap<std::pair<int64_t, uint64_t>, TaskState *>::iterator Timer;
  bool HasTimer = false;
  /// The timer fired (wait_for's timeout, sleep's end).
  bool TimedOut = false;
  /// Tasks awaiting its end.
  std::vector<TaskState *> Joiners;
};

struct Loop {
  core::Runtime *R = nullptr;
  core::Actor *Thread = nullptr;
  TaskState *Current = nullptr;
  std::deque<TaskState *> ReadyQ;
  std::multimap<std::pair<int64_t, uint64_t>, TaskState *> Timers;
  uint64_t TimerSeq = 0;
  /// Every task not yet ended (the loop keeps them alive).
  std::vector<std::shared_ptr<TaskState>> Tasks;
  /// Ended tasks, checked for unretrieved exceptions when the loop closes.
  std::vector<std::shared_ptr<TaskState>> Ended;

  void makeReady(TaskState &T);
  void armTimer(TaskState &T, int64_t DeadlineNs);
  void disarmTimer(TaskState &T);
  /// Runs one step of \p T.
  void step(TaskState &T);
  /// Until \p T has ended (steps, timers, or a park for good).
  void runUntilDone(TaskState &T);
  void endTask(TaskState &T);
};

/// The loop running on this thread, or null.
Loop *runningLoop();
/// The running task; RuntimeError (Python's "no running event loop")
/// outside one.
TaskState &currentTask(const char *What);
/// The calling task's (or thread's) actor id.
uint16_t currentActor();
/// The site id of \p Loc (0 for none).
uint32_t siteOf(const SourceLoc &Loc);
/// Suspends the running task at \p H, registered with \p On (may be
/// null), at the await of site \p Site.
void suspend(std::coroutine_handle<> H, Waitable *On, uint32_t Site);
/// At every resumption: CancelledError if the task was cancelled.
void resumed();
core::Runtime &rt();

} // namespace weft::asyncio::detail

#endif
