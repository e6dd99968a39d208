//===- runtime/lib/sched/ControlledKernel.h - the controlled back end -----------===//
//
// The second implementation of the wait/wake kernel (Kernel.h): exactly one
// actor runs at a time and a strategy (sched/Strategy.h) chooses who runs
// next at every scheduling point. Installed when WEFT_SCHEDULE is set.
//
// Scheduling points. Every recorded operation (Recorder::sync calls
// afterEvent once the event is recorded and the order mutex is released)
// and every park(). A point may come while the calling primitive holds its
// InternalMutex; an actor that then finds that mutex taken does not block
// in the OS: InternalMutex's slow path calls lockContended(), which marks it
// blocked on that word and schedules another actor, and the holder's unlock
// (futexWake) calls wordReleased(), which makes it runnable again.
//
// Actors stay OS threads. Each has a turn word; a hand-off stores 1 in the
// next actor's word, wakes it with a raw futex syscall and waits on its own.
// The runtime is never instrumented, so ThreadSanitizer sees no
// happens-before edge in a hand-off: races between actors are still
// reported (tests/controlled/tsan-race.test).
//
// Virtual time. now() is a counter of nanoseconds that starts at 0 and moves
// only when the scheduler moves it:
//   - a sleep ends when virtual time reaches its deadline, and time jumps to
//     the earliest deadline only when no actor can run: other actors' work
//     takes no time, so a program that sleeps 10 s runs in milliseconds and
//     prints what a real run prints;
//   - a timed wait (join(t), acquire(timeout), Event.wait(t), get(timeout),
//     Condition.wait(t), ...) is a candidate of every decision: choosing it
//     fires its timeout early (as if the others were slow), so the strategy
//     decides whether it times out or is woken first.
// Timeouts of more than ~146 years (>= NeverNs) never fire.
//
// The end of a run that cannot go on: when no actor can run and no timeout
// can fire, the run ends at once with a deadlock finding (normally the
// Checker found it already; this covers what it cannot see, e.g. a timed
// wait that can never fire). A watchdog thread ends a run whose running
// actor makes no weft operation for WEFT_WATCHDOG seconds while others wait
// (it is blocked outside weft). WEFT_MAX_STEPS ends a run that is too long.
// Replay compares every event with the recorded one and ends the run at the
// first difference (exit status DivergedExit).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_CONTROLLEDKERNEL_H
#define WEFT_RUNTIME_CONTROLLEDKERNEL_H

#include "sched/ControlledReplay.h"
#include "core/Kernel.h"
#include "sched/Spec.h"
#include "sched/Strategy.h"
#include "trace/Record.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weft::trace {
struct HeaderInfo;
}

namespace weft::core {

struct Flags;
struct Runtime;

/// True while a controlled run is installed. A plain bool written once
/// before any other thread exists; read by the InternalMutex slow path and
/// futexWake (Futex.cpp).
extern bool ControlledMode;
/// Called by InternalMutex::lockSlow under control: true once the lock is
/// taken (the caller was a controlled actor), false to use the OS path.
bool controlledLockContended(std::atomic<uint32_t> &State);
/// Called by futexWake under control: actors blocked on \p Word may run.
void controlledWordReleased(std::atomic<uint32_t> &Word);

/// Exit status of a replay that no longer follows its recorded schedule.
inline constexpr int DivergedExit = 67;

class ControlledKernel final : public Kernel {
public:
  /// Deadlines at or after this never fire (about 146 years).
  static constexpr int64_t NeverNs = INT64_MAX / 2;

  /// Reads WEFT_SCHEDULE (and the replayed trace) and fills the trace
  /// header's Mode, Seed and Strategy. Null for a native run (also after a
  /// bad specification, which is reported); ends the process if the trace
  /// to replay cannot be read.
  static ControlledKernel *create(Runtime &R, trace::HeaderInfo &Info);

  Wake park(Actor &Self, std::optional<int64_t> DeadlineNs) override;
  void unpark(Actor &A) override;
  int64_t now() const override { return Now; }
  bool spawn(Actor &A, std::function<void()> Body,
             std::string &Error) override;
  void sleepUntil(Actor &Self, int64_t DeadlineNs) override;

  /// The main thread's actor, running (it holds the baton from the start).
  void attachMain(Actor &Main);
  /// After each recorded Sync event; the scheduling point of an operation.
  void afterEvent(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
                  uint32_t Object, uint32_t Site);

  bool lockContended(std::atomic<uint32_t> &State);
  void wordReleased(std::atomic<uint32_t> &Word);

  /// The schedule's seed (the trace header's; a replay's is the recording's).
  /// weft::random starts as random.seed(seed()).
  uint64_t seed() const { return ScheduleSeed; }
  /// time.time() at virtual time 0, in ns since the Unix epoch: a fixed
  /// date, 2000-01-01 00:00:00 UTC, the same in every run and replay, so
  /// the whole output of a schedule is reproducible (docs/controlled.md).
  /// time.time() is wallEpochNs() + now().
  static constexpr int64_t VirtualEpochNs = 946684800LL * 1000000000LL;
  int64_t wallEpochNs() const { return VirtualEpochNs; }

private:
  struct CActor;
  ControlledKernel(const Flags &F, std::unique_ptr<sched::Strategy> S,
                   std::unique_ptr<ReplayScript> Script);

  CActor *running() const; // the calling thread's CActor if it is Current
  CActor *of(const Actor &A) const;
  Wake parkImpl(CActor &Me, std::optional<int64_t> Deadline, bool Sleep);
  /// The calling actor may go on: a decision among it and the others.
  void yieldPoint(CActor &Me);
  /// The calling actor cannot go on (blocked or ended): someone else runs.
  void reschedule(CActor &Me);
  void collect(std::vector<sched::Candidate> &Out) const;
  /// Asks the strategy; records real choices; fires a chosen timeout.
  CActor *decide(CActor &Me, std::vector<sched::Candidate> &Cands);
  void fire(int64_t Deadline);
  void switchTo(CActor &From, CActor &To);
  void waitTurn(CActor &Me);
  void exitActor(CActor &Me);
  static void *threadMain(void *Arg);
  void pinToCpu() const;

  [[noreturn]] void stuck(CActor &Me);
  [[noreturn]] void diverged(const std::string &Expected,
                             const std::string &Actual);
  [[noreturn]] void stopRun(const std::string &Message, int Status);
  void interactiveStep(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
                       uint32_t Object, uint32_t Site);
  void startWatchdog(double Seconds);
  static void *watchdogMain(void *Arg);

  const Flags &Settings;
  std::unique_ptr<sched::Strategy> Strat;
  std::unique_ptr<ReplayScript> Script;
  Runtime *Rt = nullptr;
  NativeKernel Native; // for threads the scheduler does not control

  // Touched only by the actor that holds the baton (a hand-off orders it).
  std::vector<CActor *> All;
  std::vector<sched::Candidate> Scratch; // the candidates of a decision
  CActor *Current = nullptr;
  int64_t Now = 0;
  uint64_t Steps = 0;
  uint64_t Events = 0;
  size_t NextExpected = 0;
  bool Ended = false;
  uint64_t MaxSteps = 0;

  // Read by the watchdog thread.
  std::atomic<uint64_t> Progress{0};
  std::atomic<uint16_t> CurrentId{0};
  std::atomic<uint32_t> LiveActors{0};
  std::atomic<bool> Finished{false};
  double WatchdogSeconds = 0;
  uint64_t ScheduleSeed = 0;
  int Cpu = -1; // every actor's thread runs there (-1: anywhere)
};

/// The installed controlled kernel, or null in a native run.
ControlledKernel *controlledKernel();

} // namespace weft::core

#endif
