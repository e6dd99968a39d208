//===- runtime/lib/sched/ControlledKernel.cpp - the controlled back end ---------===//
//
// See ControlledKernel.h. The scheduler's state is touched only by the
// actor that holds the baton (Current); a hand-off (release store of the
// next actor's turn word, acquire load on the other side) orders it. The
// turn words are waited on with the raw futex system calls of core/Futex.h
// (sysFutexWait/Wake, without futexWake's hook), which ThreadSanitizer does
// not see.
//===----------------------------------------------------------------------===//
#include "sched/ControlledKernel.h"

#include "core/Actor.h"
#include "core/Clock.h"
#include "core/Futex.h"
#include "core/Flags.h"
#include "core/NativeThread.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
#include "report/Finding.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

namespace weft::core {

bool ControlledMode = false;

namespace {

ControlledKernel *Instance = nullptr;

void say(const std::string &S) {
  size_t Done = 0;
  while (Done < S.size()) {
    ssize_t N = ::write(2, S.data() + Done, S.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    Done += static_cast<size_t>(N);
  }
}

// The scheduler's own futex calls: not futexWake/futexWait of Futex.h,
// whose wake is hooked (controlledWordReleased) under control.
void turnWait(std::atomic<uint32_t> &W, uint32_t Expected) {
  sysFutexWait(W, Expected, nullptr, FutexScope::Process);
}
void turnWake(std::atomic<uint32_t> &W) {
  sysFutexWake(W, 1, FutexScope::Process);
}

int64_t wallNs() { return clockNs(CLOCK_MONOTONIC); }

std::string actorName(Runtime &R, uint16_t Id) {
  LiveSymbols Syms(R.Rec, R.Actors);
  return Syms.actorName(Id);
}

} // namespace

struct ControlledKernel::CActor {
  enum class State { Runnable, Parked, Internal, Done };
  Actor *A = nullptr;
  State S = State::Runnable;
  bool Permit = false;
  bool Sleeping = false;
  std::optional<int64_t> Deadline;
  Wake Result = Wake::Woken;
  const std::atomic<uint32_t> *Word = nullptr; // State::Internal
  std::atomic<uint32_t> Turn{0};
  // The last event of this actor: what it waits for, when it is stuck.
  trace::EventKind LastKind = trace::EventKind::Invalid;
  uint8_t LastFlags = 0;
  uint32_t LastObject = 0, LastSite = 0, LastNamedSite = 0;
};

ControlledKernel *controlledKernel() { return Instance; }

bool controlledLockContended(std::atomic<uint32_t> &State) {
  return Instance && Instance->lockContended(State);
}

void controlledWordReleased(std::atomic<uint32_t> &Word) {
  if (Instance)
    Instance->wordReleased(Word);
}

// -- creation -------------------------------------------------------------------

ControlledKernel::ControlledKernel(const Flags &F,
                                   std::unique_ptr<sched::Strategy> S,
                                   std::unique_ptr<ReplayScript> Script)
    : Settings(F), Strat(std::move(S)), Script(std::move(Script)) {
  MaxSteps = F.MaxSteps > 0 ? static_cast<uint64_t>(F.MaxSteps) : 0;
  WatchdogSeconds = F.Watchdog;
}

ControlledKernel *ControlledKernel::create(Runtime &R,
                                           trace::HeaderInfo &Info) {
  const Flags &F = R.Settings;
  if (F.Schedule.empty())
    return nullptr;
  sched::ScheduleSpec Spec;
  std::string Expected;
  if (!sched::parseSchedule(F.Schedule, Spec, Expected)) {
    say("weft: ignoring WEFT_SCHEDULE='" + F.Schedule + "': expected " +
        Expected + "; running without the controlled scheduler\n");
    return nullptr;
  }
  std::unique_ptr<sched::Strategy> S;
  std::unique_ptr<ReplayScript> Script;
  switch (Spec.K) {
  case sched::ScheduleSpec::Random:
    S = sched::makeRandom(Spec.Seed);
    break;
  case sched::ScheduleSpec::Pct:
    S = sched::makePct(Spec.Depth, Spec.Seed, Spec.Length);
    break;
  case sched::ScheduleSpec::RoundRobin:
    S = sched::makeRoundRobin();
    break;
  case sched::ScheduleSpec::Replay: {
    Script = std::make_unique<ReplayScript>();
    std::string Error;
    if (!loadReplayScript(Spec.TracePath, *Script, Error)) {
      say("weft: error: cannot replay '" + Spec.TracePath + "': " + Error +
          "\n");
      ::_exit(2);
    }
    Spec.Seed = Script->Seed;
    S = sched::makeReplay(Script->Choices);
    break;
  }
  }
  Info.RunMode = trace::Mode::Controlled;
  Info.Seed = Spec.Seed;
  Info.Strategy = Spec.strategyName();
  auto *K = new ControlledKernel(F, std::move(S), std::move(Script));
  K->ScheduleSeed = Spec.Seed;
  K->Rt = &R;
  Instance = K;
  ControlledMode = true;
  installKernel(K);
  return K;
}

void ControlledKernel::attachMain(Actor &Main) {
  auto *C = new CActor();
  C->A = &Main;
  Main.KernelData = C;
  All.push_back(C);
  Strat->newActor(Main.Id);
  Current = C;
  CurrentId.store(Main.Id, std::memory_order_relaxed);
  // One actor runs at a time, so all of them share one CPU: a hand-off is
  // then a switch on that CPU (no wake-up of another core). WEFT_CONTROLLED_
  // CPU=-1 (an internal knob) leaves the threads where the OS puts them.
  const char *Knob = std::getenv("WEFT_CONTROLLED_CPU");
  Cpu = Knob && *Knob ? std::atoi(Knob) : sched_getcpu();
  pinToCpu();
  LiveActors.store(1, std::memory_order_relaxed);
  if (WatchdogSeconds > 0)
    startWatchdog(WatchdogSeconds);
}

ControlledKernel::CActor *ControlledKernel::of(const Actor &A) const {
  return static_cast<CActor *>(A.KernelData);
}

ControlledKernel::CActor *ControlledKernel::running() const {
  Actor *A = boundActor();
  if (!A)
    return nullptr;
  CActor *C = of(*A);
  return C == Current ? C : nullptr;
}

// -- the kernel interface ----------------------------------------------------------

Wake ControlledKernel::park(Actor &Self, std::optional<int64_t> DeadlineNs) {
  CActor *Me = of(Self);
  if (!Me || Me != Current)
    return Native.park(Self, DeadlineNs); // a thread weft does not control
  return parkImpl(*Me, DeadlineNs, /*Sleep=*/false);
}

void ControlledKernel::sleepUntil(Actor &Self, int64_t DeadlineNs) {
  CActor *Me = of(Self);
  if (!Me || Me != Current)
    return Kernel::sleepUntil(Self, DeadlineNs);
  while (Now < DeadlineNs)
    parkImpl(*Me, DeadlineNs, /*Sleep=*/true);
}

Wake ControlledKernel::parkImpl(CActor &Me, std::optional<int64_t> Deadline,
                                bool Sleep) {
  if (Me.Permit) {
    Me.Permit = false;
    return Wake::Woken;
  }
  if (Deadline && *Deadline <= Now)
    return Wake::TimedOut;
  Me.S = CActor::State::Parked;
  Me.Deadline = Deadline;
  Me.Sleeping = Sleep;
  Me.Result = Wake::Woken;
  reschedule(Me);
  return Me.Result;
}

void ControlledKernel::unpark(Actor &A) {
  CActor *C = of(A);
  if (!C)
    return Native.unpark(A);
  if (C->S == CActor::State::Parked) {
    C->S = CActor::State::Runnable;
    C->Result = Wake::Woken;
    C->Deadline.reset();
  } else {
    C->Permit = true;
  }
}

struct SpawnArgs {
  ControlledKernel *K;
  void *Me;
  std::function<void()> Body;
};

bool ControlledKernel::spawn(Actor &A, std::function<void()> Body,
                             std::string &Error) {
  auto *C = new CActor(); // immortal, like the actor
  C->A = &A;
  A.KernelData = C;
  auto *Args = new SpawnArgs{this, C, std::move(Body)};
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED);
  pthread_t T;
  int Rc = native::create(&T, &Attr, threadMain, Args);
  pthread_attr_destroy(&Attr);
  if (Rc != 0) {
    delete Args;
    A.KernelData = nullptr;
    Error = "can't start new thread";
    return false;
  }
  All.push_back(C);
  Strat->newActor(A.Id);
  LiveActors.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void ControlledKernel::pinToCpu() const {
  if (Cpu < 0)
    return;
  cpu_set_t Set;
  CPU_ZERO(&Set);
  CPU_SET(Cpu, &Set);
  sched_setaffinity(0, sizeof Set, &Set);
}

void *ControlledKernel::threadMain(void *Arg) {
  auto *Args = static_cast<SpawnArgs *>(Arg);
  ControlledKernel *K = Args->K;
  auto *Me = static_cast<CActor *>(Args->Me);
  K->pinToCpu();
  K->waitTurn(*Me); // runs only once the scheduler chooses it
  {
    std::function<void()> Body = std::move(Args->Body);
    delete Args;
    Body();
  }
  K->exitActor(*Me);
  return nullptr;
}

void ControlledKernel::exitActor(CActor &Me) {
  // After the thread's body, outside every runtime entry point: the
  // scheduler's vectors (All, Scratch) are shared by all actors, and their
  // memmoves (intercepted by TSan) must not look like the user's races.
  WEFT_TSAN_IGNORE_ACCESSES();
  Me.S = CActor::State::Done;
  // Decisions scan All: keep only actors that may still run (id order).
  All.erase(std::find(All.begin(), All.end(), &Me));
  LiveActors.fetch_sub(1, std::memory_order_relaxed);
  reschedule(Me); // hands the baton on and returns: the thread ends
}

// -- scheduling points ---------------------------------------------------------------

void ControlledKernel::afterEvent(trace::EventKind Kind, uint8_t Flags,
                                  uint16_t Actor, uint32_t Object,
                                  uint32_t Site) {
  if (Script && !Ended) {
    if (NextExpected >= Script->Events.size())
      diverged("(the recorded run had ended here)",
               describeLiveEvent(*Rt, Kind, Flags, Actor, Object, Site));
    const ExpectedEvent &X = Script->Events[NextExpected++];
    if (X.Kind != Kind || X.Flags != Flags || X.Actor != Actor ||
        X.Object != Object || X.Site != liveSiteText(*Rt, Site))
      diverged(X.Text, describeLiveEvent(*Rt, Kind, Flags, Actor, Object, Site));
  }
  CActor *Me = running();
  if (!Me || Ended)
    return;
  Progress.fetch_add(1, std::memory_order_relaxed);
  ++Events;
  if (core::Actor *A = Rt->Actors.get(Actor))
    if (CActor *C = of(*A)) {
      C->LastKind = Kind;
      C->LastFlags = Flags;
      C->LastObject = Object;
      C->LastSite = Site;
      if (Site) // the watchdog names the last call site
        C->LastNamedSite = Site;
    }
  if (Kind == trace::EventKind::ProgramExit) {
    Ended = true;
    Finished.store(true, std::memory_order_relaxed);
    return;
  }
  if (MaxSteps && Events > MaxSteps)
    stopRun("weft: error: the run exceeded " + std::to_string(MaxSteps) +
                " operations under the controlled scheduler (WEFT_MAX_STEPS)"
                "; it may not terminate under this schedule (a livelock, or "
                "a loop that polls without blocking)\n",
            Settings.ExitCode);
  if (Settings.Step)
    interactiveStep(Kind, Flags, Actor, Object, Site);
  yieldPoint(*Me);
}

void ControlledKernel::collect(std::vector<sched::Candidate> &Out) const {
  Out.clear();
  for (CActor *C : All) {
    if (C->S == CActor::State::Runnable)
      Out.push_back({C->A->Id, false, 0});
    else if (C->S == CActor::State::Parked && C->Deadline && !C->Sleeping &&
             *C->Deadline < NeverNs)
      Out.push_back({C->A->Id, true, *C->Deadline});
  }
  std::sort(Out.begin(), Out.end(),
            [](const sched::Candidate &X, const sched::Candidate &Y) {
              return X.Actor < Y.Actor;
            });
}

ControlledKernel::CActor *
ControlledKernel::decide(CActor &Me, std::vector<sched::Candidate> &Cands) {
  sched::Decision D{Steps, Me.A->Id, &Cands};
  size_t I = Strat->next(D);
  if (I == sched::NoChoice || I >= Cands.size()) {
    std::string List;
    for (const sched::Candidate &C : Cands)
      List += (List.empty() ? "" : ", ") + actorName(*Rt, C.Actor) +
              (C.Timeout ? " (its timeout)" : "");
    diverged("a scheduling choice that the recording made here",
             "the choices now are " + List);
  }
  const sched::Candidate &C = Cands[I];
  if (Cands.size() >= 2)
    Rt->Rec.schedule(C.Actor, static_cast<uint32_t>(Cands.size()),
                     C.Timeout ? 1 : 0);
  if (C.Timeout)
    fire(C.Deadline);
  for (CActor *X : All)
    if (X->A->Id == C.Actor)
      return X;
  return &Me; // not reached: every candidate is in All
}

void ControlledKernel::fire(int64_t Deadline) {
  Now = std::max(Now, Deadline);
  for (CActor *C : All)
    if (C->S == CActor::State::Parked && C->Deadline && *C->Deadline <= Now) {
      C->S = CActor::State::Runnable;
      C->Result = Wake::TimedOut;
      C->Deadline.reset();
    }
}

void ControlledKernel::yieldPoint(CActor &Me) {
  ++Steps;
  // The baton holder's scratch list (no allocation per decision): nobody
  // else decides until switchTo() hands the baton on.
  std::vector<sched::Candidate> &Cands = Scratch;
  collect(Cands);
  CActor *Next = decide(Me, Cands);
  switchTo(Me, *Next);
}

void ControlledKernel::reschedule(CActor &Me) {
  ++Steps;
  std::vector<sched::Candidate> &Cands = Scratch;
  for (;;) {
    collect(Cands);
    if (!Cands.empty())
      break;
    // Nobody can run: virtual time jumps to the earliest deadline.
    std::optional<int64_t> Earliest;
    for (CActor *C : All)
      if (C->S == CActor::State::Parked && C->Deadline &&
          *C->Deadline < NeverNs && (!Earliest || *C->Deadline < *Earliest))
        Earliest = *C->Deadline;
    if (!Earliest)
      stuck(Me);
    fire(*Earliest);
  }
  CActor *Next = decide(Me, Cands);
  switchTo(Me, *Next);
}

void ControlledKernel::switchTo(CActor &From, CActor &To) {
  Current = &To;
  if (&To == &From)
    return;
  CurrentId.store(To.A->Id, std::memory_order_relaxed);
  Progress.fetch_add(1, std::memory_order_relaxed);
  bool Leaving = From.S == CActor::State::Done;
  To.Turn.store(1, std::memory_order_release);
  turnWake(To.Turn);
  if (!Leaving)
    waitTurn(From);
}

void ControlledKernel::waitTurn(CActor &Me) {
  // No spinning: every actor runs on the same CPU (pinToCpu), so the actor
  // that hands the baton over cannot run while we spin.
  while (Me.Turn.load(std::memory_order_acquire) == 0)
    turnWait(Me.Turn, 0);
  Me.Turn.store(0, std::memory_order_relaxed);
}

// -- internal mutexes ------------------------------------------------------------------

bool ControlledKernel::lockContended(std::atomic<uint32_t> &State) {
  CActor *Me = running();
  if (!Me)
    return false;
  for (;;) {
    // 2: "locked, maybe waiters", so the holder's unlock calls futexWake
    // and with it wordReleased.
    if (State.exchange(2, std::memory_order_acquire) == 0)
      return true;
    Me->S = CActor::State::Internal;
    Me->Word = &State;
    reschedule(*Me);
  }
}

void ControlledKernel::wordReleased(std::atomic<uint32_t> &Word) {
  if (!running())
    return;
  for (CActor *C : All)
    if (C->S == CActor::State::Internal && C->Word == &Word) {
      C->S = CActor::State::Runnable;
      C->Word = nullptr;
    }
}

// -- ends of a run -------------------------------------------------------------------

void ControlledKernel::stopRun(const std::string &Message, int Status) {
  Finished.store(true, std::memory_order_relaxed);
  Ended = true;
  say(Message);
  Runtime &R = *Rt;
  {
    std::lock_guard<InternalMutex> G(R.Rec.orderMutex());
    R.Rec.syncLocked(trace::EventKind::ProgramExit, 1, 1, 0, 0);
  }
  R.Mon.finish();
  std::fflush(nullptr);
  ::_exit(Status);
}

void ControlledKernel::stuck(CActor &Me) {
  (void)Me;
  // The Checker ends a run as soon as it sees a deadlock; if we get here,
  // it could not tell (e.g. a timed wait whose timeout never fires, or a
  // wait it does not know). Every actor that is not done waits for ever.
  Runtime &R = *Rt;
  LiveSymbols Syms(R.Rec, R.Actors);
  std::vector<std::string> Names;
  report::Finding F;
  bool First = true;
  for (CActor *C : All) {
    if (C->S == CActor::State::Done)
      continue;
    std::string Name = Syms.actorName(C->A->Id);
    Names.push_back(Name);
    std::string What;
    switch (C->LastKind) {
    case trace::EventKind::LockRequest:
    case trace::EventKind::WaitBlock:
    case trace::EventKind::CondWait:
      What = Name + " waits for " + Syms.objectName(C->LastObject);
      break;
    case trace::EventKind::JoinRequest:
      What = Name + " waits for " + Syms.actorName(C->LastObject) + " to end";
      break;
    default:
      What = Name + " is blocked";
      break;
    }
    if (C->Deadline && *C->Deadline >= NeverNs)
      What += " with a timeout that never fires";
    report::Location At = R.Rec.location(C->LastSite);
    if (First) {
      F = report::makeFinding(report::RuleId::Deadlock, "", At, "runtime");
      First = false;
    }
    F.Notes.push_back({At, What + " here"});
  }
  std::string Joined;
  for (size_t I = 0; I < Names.size(); ++I)
    Joined += (I == 0 ? "" : I + 1 == Names.size() ? " and " : ", ") +
              Names[I];
  F.Message = "deadlock: no thread can ever run again and no timeout can "
              "fire: " + Joined;
  {
    std::lock_guard<InternalMutex> G(R.Rec.orderMutex());
    R.Mon.addFindingLocked(F, Current ? Current->A->Id : 1);
  }
  stopRun("", Settings.ExitCode);
}

void ControlledKernel::diverged(const std::string &Expected,
                                const std::string &Actual) {
  stopRun("weft: error: replay diverged at event " +
              std::to_string(NextExpected) +
              ": the program no longer follows the recorded schedule "
              "(changed code, or nondeterminism weft does not control)\n"
              "weft: note: expected: " + Expected + "\n" +
              "weft: note: actual:   " + Actual + "\n",
          DivergedExit);
}

void ControlledKernel::interactiveStep(trace::EventKind Kind, uint8_t Flags,
                                       uint16_t Actor, uint32_t Object,
                                       uint32_t Site) {
  say("[" + std::to_string(Events) + "] " +
      describeLiveEvent(*Rt, Kind, Flags, Actor, Object, Site) + "  (t=" +
      std::to_string(Now / 1000000) + " ms)");
  // Wait only for a person at a terminal (stderr is one), not in a pipe.
  static int Tty =
      ::isatty(2) ? ::open("/dev/tty", O_RDONLY | O_CLOEXEC) : -1;
  if (Tty < 0) {
    say("\n");
    return;
  }
  say("  [Enter] ");
  char C;
  while (::read(Tty, &C, 1) == 1 && C != '\n') {
  }
}

// -- the watchdog --------------------------------------------------------------------

void ControlledKernel::startWatchdog(double Seconds) {
  (void)Seconds;
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED);
  pthread_t T;
  native::create(&T, &Attr, watchdogMain, this);
  pthread_attr_destroy(&Attr);
}

void *ControlledKernel::watchdogMain(void *Arg) {
  auto *K = static_cast<ControlledKernel *>(Arg);
  const int64_t Limit = static_cast<int64_t>(K->WatchdogSeconds * 1e9);
  uint64_t Seen = K->Progress.load(std::memory_order_relaxed);
  int64_t Since = wallNs();
  for (;;) {
    timespec Tick{0, 50 * 1000 * 1000};
    nanosleep(&Tick, nullptr);
    if (K->Finished.load(std::memory_order_relaxed))
      return nullptr;
    uint64_t P = K->Progress.load(std::memory_order_relaxed);
    int64_t T = wallNs();
    // One actor alone cannot be starving anyone.
    if (P != Seen || K->LiveActors.load(std::memory_order_relaxed) < 2) {
      Seen = P;
      Since = T;
      continue;
    }
    if (T - Since < Limit)
      continue;
    uint16_t Id = K->CurrentId.load(std::memory_order_relaxed);
    std::string Where;
    for (CActor *C : K->All) { // it is stuck: its fields are not changing
      if (C->A->Id != Id)
        continue;
      if (C->LastNamedSite)
        Where = " (its last weft operation was at " +
                liveSiteText(*K->Rt, C->LastNamedSite) + ")";
      else if (C->A->StartSite)
        Where = " (started at " + liveSiteText(*K->Rt, C->A->StartSite) + ")";
    }
    char Secs[32];
    std::snprintf(Secs, sizeof Secs, "%g", K->WatchdogSeconds);
    K->stopRun("weft: error: " + actorName(*K->Rt, Id) + " has made no weft "
               "operation for " + Secs + " s under the controlled scheduler" +
               Where + ": it is blocked outside weft's control (a raw system "
               "call, a std::mutex, I/O) or computing, and no other thread "
               "may run meanwhile. Use weft's primitives, or raise "
               "WEFT_WATCHDOG (0 turns the watchdog off).\n",
               K->Settings.ExitCode);
  }
}

} // namespace weft::core
