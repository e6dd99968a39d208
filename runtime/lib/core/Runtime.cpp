//===- runtime/lib/core/Runtime.cpp - creation and end of the runtime ----------===//
#include "core/Runtime.h"

#include "sched/ControlledKernel.h"

#include "threading/ThreadState.h"
#include "tsan/TsanAnnotations.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <unistd.h>

namespace weft::core {
namespace {

void say(const std::string &S) {
  ssize_t R = ::write(2, S.data(), S.size());
  (void)R;
}

/// argv joined by spaces, from /proc/self/cmdline.
std::string commandLine() {
  std::string S;
  int Fd = ::open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return program_invocation_name;
  char Buf[4096];
  ssize_t N;
  while ((N = ::read(Fd, Buf, sizeof(Buf))) > 0)
    S.append(Buf, static_cast<size_t>(N));
  ::close(Fd);
  while (!S.empty() && S.back() == '\0')
    S.pop_back();
  for (char &C : S)
    if (C == '\0')
      C = ' ';
  return S;
}

std::string defaultTracePath() {
  const char *Dir = std::getenv("TMPDIR");
  std::string Path = Dir && *Dir ? Dir : "/tmp";
  Path += "/weft-";
  Path += program_invocation_short_name;
  Path += "-" + std::to_string(::getpid()) + ".wtrace";
  return Path;
}

bool onMainThread() { return ::gettid() == ::getpid(); }

/// Destroyed when the main thread exits (return from main or exit()), before
/// static destructors and atexit handlers.
struct MainExitGuard {
  ~MainExitGuard() { shutdown(); }
};
void armMainExitGuard() {
  static thread_local MainExitGuard Guard;
  (void)&Guard;
}

void atExitHandler() { shutdown(); }

Runtime *create() {
  auto *R = new Runtime();
  R->Settings = Flags::fromEnvironment();
  std::string Path = R->Settings.TracePathGiven ? R->Settings.TracePath
                                                : defaultTracePath();
  R->TracePath = Path;
  trace::HeaderInfo Info;
  Info.Program = commandLine();
  // WEFT_SCHEDULE: the controlled back end (it fills in the header's mode).
  ControlledKernel *Ctl = ControlledKernel::create(*R, Info);
  if (!Ctl)
    installKernel(&nativeKernel());
  std::string Error;
  R->Rec.open(Path, Info, Error);
  if (!R->Rec.writer())
    say("weft: cannot create the trace file " + Path + ": " + Error +
        " (continuing without a trace)\n");
  R->Mon.setTrace(Path, R->Settings.TracePathGiven);
  R->Rec.setMonitor(&R->Mon);
  R->Rec.setControlled(Ctl);
  R->Main = &threading_impl::createMainThread(*R);
  if (Ctl)
    Ctl->attachMain(*R->Main);
  if (onMainThread()) {
    threading_impl::bindMainThread(*R);
    armMainExitGuard();
  }
  std::atexit(atExitHandler);
  return R;
}

InternalMutex AtExitMu;
std::vector<std::function<void()>> *AtExitHooks = nullptr; // immortal

void runAtExitHooks() {
  for (;;) {
    std::function<void()> Fn;
    {
      std::lock_guard<InternalMutex> G(AtExitMu);
      if (!AtExitHooks || AtExitHooks->empty())
        return;
      Fn = std::move(AtExitHooks->back());
      AtExitHooks->pop_back();
    }
    Fn();
  }
}

} // namespace

void registerAtExit(std::function<void()> Fn) {
  std::lock_guard<InternalMutex> G(AtExitMu);
  if (!AtExitHooks)
    AtExitHooks = new std::vector<std::function<void()>>();
  AtExitHooks->push_back(std::move(Fn));
}

/// The current instance: created on first use; replaced in a forked child
/// (restartAfterFork).
std::atomic<Runtime *> Current{nullptr};
std::atomic<bool> ShutdownStarted{false};

Runtime &runtime() {
  if (Runtime *R = Current.load(std::memory_order_acquire)) [[likely]]
    return *R;
  static Runtime *First = create();
  Runtime *Expected = nullptr;
  Current.compare_exchange_strong(Expected, First);
  return *Current.load(std::memory_order_acquire);
}

Actor &restartAfterFork(const std::string &TracePath, const Runtime &Parent) {
  // Only the forking thread exists here. Whatever it had of the parent's
  // runtime (its actor, its recording stream) belongs to the parent's
  // trace, which this process must never write again.
  bindActor(nullptr);
  ShutdownStarted.store(false);
  AtExitHooks = nullptr; // the parent's hooks are about the parent's threads
  auto *R = new Runtime();
  R->Settings = Parent.Settings;
  R->TracePath = TracePath;
  trace::HeaderInfo Info;
  Info.Program = commandLine();
  std::string Error;
  R->Rec.open(TracePath, Info, Error);
  if (!R->Rec.writer())
    say("weft: cannot create the trace file " + TracePath + ": " + Error +
        " (continuing without a trace)\n");
  R->Rec.inheritAfterFork(Parent.Rec);
  R->Mon.setTrace(TracePath, R->Settings.TracePathGiven);
  R->Rec.setMonitor(&R->Mon);
  R->Child = true;
  R->RunFindings = Parent.RunFindings;
  R->Main = &threading_impl::createMainThread(*R);
  Current.store(R, std::memory_order_release);
  threading_impl::bindMainThread(*R);
  armMainExitGuard();
  return *R->Main;
}

Actor &self() {
  if (Actor *A = boundActor())
    return *A;
  Runtime &R = runtime();
  if (Actor *A = boundActor())
    return *A;
  if (onMainThread()) {
    threading_impl::bindMainThread(R);
    armMainExitGuard();
    return *R.Main;
  }
  return threading_impl::adoptForeignThread(R);
}

void shutdown() {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (ShutdownStarted.exchange(true))
    return;
  Runtime &R = runtime();
  Actor &Me = self();
  runAtExitHooks();
  // Python: non-daemon threads are waited for, daemon threads are not.
  threading_impl::joinNonDaemonThreads(R, Me);
  for (Actor *A : R.Actors.alive())
    if (A != &Me)
      R.Rec.sync(trace::EventKind::DaemonKilled, 0, Me.Id, A->Id, 0);
  R.Rec.sync(trace::EventKind::ThreadEnd, 0, Me.Id, 0, Me.StartSite);
  if (R.Child)
    R.Rec.sync(trace::EventKind::ProcessEnd, 0, Me.Id,
               static_cast<uint32_t>(R.ExitCode), 0);
  R.Rec.sync(trace::EventKind::ProgramExit, 0, Me.Id, 0, 0);
  size_t Findings = R.Mon.finish();
  if (Findings && R.RunFindings)
    R.RunFindings->fetch_add(1);
  if (Findings != 0 || (!R.Child && R.RunFindings && R.RunFindings->load())) {
    std::fflush(nullptr);
    WEFT_TSAN_BEFORE_EXIT();
    ::_exit(R.Settings.ExitCode);
  }
}

} // namespace weft::core
