//===- runtime/lib/multiprocessing/Process.cpp - multiprocessing.Process ----===//
//
// Python's multiprocessing/process.py and popen_fork.py in one: a Process
// forks (os/Children.h does the runtime's part: the child's own trace,
// process-start / process-begin / process-end / process-join), runs its
// target in the child and ends the child with its exit code, after the
// child's own end of program (its non-daemon threads and children waited
// for, its findings reported).
//
// Per process, as in Python: the counter behind the names ("Process-N"),
// the identity ((1, 2) -> "Process-1:2"), the current process and the set
// of children. A forked child starts with a copy of all of it, so it resets
// them first.
//===----------------------------------------------------------------------===//
#include "weft/multiprocessing.h"

#include "weft/errors.h"

#include "core/Stderr.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "os/Children.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cxxabi.h>
#include <mutex>
#include <sys/wait.h>
#include <typeinfo>
#include <unistd.h>

namespace weft::multiprocessing::detail {

struct ProcessState {
  core::InternalMutex Mu;
  Process *Object = nullptr; // null once the object is destroyed
  std::function<void()> Target;
  std::vector<unsigned> Identity;
  std::string Name;
  bool NameSet = false;
  bool Daemon = false;
  int CreatorPid = 0;
  int Pid = 0; // 0: not started
  std::optional<int> ExitCode;
  report::Location StartedAt; // where start() was called

  /// Python's default name: the class's name, "-", the identity.
  std::string defaultName() const {
    std::string Type = "Process";
    if (Object && typeid(*Object) != typeid(Process)) {
      int St = 0;
      char *D = abi::__cxa_demangle(typeid(*Object).name(), nullptr, nullptr,
                                    &St);
      if (D) {
        Type = D;
        std::free(D);
        size_t Colon = Type.rfind("::");
        if (Colon != std::string::npos)
          Type = Type.substr(Colon + 2);
      }
    }
    std::string N = Type + "-";
    for (size_t I = 0; I < Identity.size(); ++I)
      N += (I ? ":" : "") + std::to_string(Identity[I]);
    return N;
  }
  std::string nameLocked() const { return NameSet ? Name : defaultName(); }
};

} // namespace weft::multiprocessing::detail

namespace weft::multiprocessing {
namespace {

using detail::ProcessState;

/// The calling process's own multiprocessing state (reset in a child).
struct ThisProcess {
  core::InternalMutex Mu;
  unsigned Counter = 0;
  std::vector<unsigned> Identity;
  bool Daemon = false;
  std::shared_ptr<ProcessState> Current; // null in the first process
  std::vector<std::shared_ptr<ProcessState>> Children;
  bool HookRegistered = false;
};
ThisProcess &me() {
  static ThisProcess *P = new ThisProcess(); // immortal
  return *P;
}

/// The stand-in for the first process.
class MainProcess final : public Process {
public:
  MainProcess() : Process(ProcessOptions{"MainProcess", false}) {}
};

using core::writeStderr;

/// Reaps \p S's child if it ended (a look, or a wait until \p Deadline);
/// true once it has ended. \p Site 0: a look that records only an end.
bool poll(ProcessState &S, std::optional<int64_t> Deadline, uint32_t Site) {
  int Pid;
  {
    std::lock_guard<core::InternalMutex> G(S.Mu);
    if (S.ExitCode)
      return true;
    Pid = S.Pid;
  }
  int Status = 0;
  os_impl::WaitResult W = os_impl::waitChild(Pid, Deadline, Site, Status);
  if (W != os_impl::WaitResult::Ended)
    return false;
  std::lock_guard<core::InternalMutex> G(S.Mu);
  S.ExitCode = WIFSIGNALED(Status) ? -WTERMSIG(Status) : WEXITSTATUS(Status);
  return true;
}

/// Python's _children.discard(p), and _cleanup(): children that ended.
void forget(ProcessState *S) {
  ThisProcess &P = me();
  std::lock_guard<core::InternalMutex> G(P.Mu);
  std::erase_if(P.Children, [&](const auto &C) { return C.get() == S; });
}

std::vector<std::shared_ptr<ProcessState>> children() {
  ThisProcess &P = me();
  std::lock_guard<core::InternalMutex> G(P.Mu);
  return P.Children;
}

/// util._exit_function: daemonic children are terminated, then every
/// child still running is waited for.
void atExit() {
  for (const auto &C : children()) {
    if (poll(*C, core::kernel().now(), 0))
      continue;
    bool Daemon;
    int Pid;
    {
      std::lock_guard<core::InternalMutex> G(C->Mu);
      Daemon = C->Daemon;
      Pid = C->Pid;
    }
    if (Daemon)
      os_impl::signalChild(Pid, SIGTERM, 0);
  }
  for (const auto &C : children()) {
    poll(*C, std::nullopt, 0);
    forget(C.get());
  }
}

[[noreturn]] void runChild(const std::shared_ptr<ProcessState> &S) {
  ThisProcess &P = me();
  std::string Name;
  {
    // The parent's children, counter and exit hook are not this process's.
    P.Counter = 0;
    P.Identity = S->Identity;
    P.Daemon = S->Daemon;
    P.Current = S;
    P.Children.clear();
    P.HookRegistered = false;
    S->CreatorPid = 0;
    S->Pid = ::getpid();
    Name = S->nameLocked();
  }
  int Code = 0;
  try {
    S->Object->run();
  } catch (const weft::Error &E) {
    writeStderr("Process " + Name + ":\n" + E.pythonName() + ": " + E.what() +
                "\n");
    Code = 1;
  } catch (const std::exception &E) {
    writeStderr("Process " + Name + ":\nException: " + E.what() + "\n");
    Code = 1;
  } catch (...) {
    writeStderr("Process " + Name + ":\nException: (not a std::exception)\n");
    Code = 1;
  }
  // Python's _bootstrap: threading._shutdown(), util._exit_function(),
  // then os._exit(exitcode).
  core::runtime().ExitCode = Code;
  core::shutdown();
  std::fflush(nullptr); // Python's util._flush_std_streams()
  ::_exit(Code);
}

} // namespace

Process::Process() : Process(ProcessOptions{}) {}

Process::Process(ProcessOptions Opts) : State(std::make_shared<ProcessState>()) {
  WEFT_TSAN_IGNORE_ACCESSES();
  (void)core::runtime();
  ThisProcess &P = me();
  std::lock_guard<core::InternalMutex> G(P.Mu);
  State->Object = this;
  State->Identity = P.Identity;
  State->Identity.push_back(++P.Counter);
  State->Daemon = Opts.daemon.value_or(P.Daemon);
  State->CreatorPid = ::getpid();
  if (!Opts.name.empty()) {
    State->Name = std::move(Opts.name);
    State->NameSet = true;
  }
}

Process::~Process() {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<core::InternalMutex> G(State->Mu);
  State->Object = nullptr;
}

void Process::setTarget(std::function<void()> Fn) {
  State->Target = std::move(Fn);
}

void Process::run() {
  if (State->Target)
    State->Target();
}

void Process::start(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  ThisProcess &P = me();
  std::string Name;
  {
    std::unique_lock<core::InternalMutex> G(State->Mu);
    if (State->Pid != 0) {
      report::Finding F = report::makeFinding(
          report::RuleId::ProcessStartedTwice,
          "process '" + State->nameLocked() +
              "' is started again here; a process can be started only once "
              "(AssertionError)",
          report::Location{Loc.file_name(), Loc.line(), Loc.column()},
          "runtime");
      F.Notes.push_back({State->StartedAt, "first started here"});
      G.unlock();
      {
        std::lock_guard<core::InternalMutex> O(R.Rec.orderMutex());
        R.Rec.drainLocked();
        R.Mon.addFindingLocked(std::move(F), core::self().Id);
      }
      throw AssertionError("cannot start a process twice");
    }
    if (State->CreatorPid != ::getpid())
      throw AssertionError(
          "can only start a process object created by current process");
    Name = State->nameLocked();
  }
  {
    std::lock_guard<core::InternalMutex> G(P.Mu);
    if (P.Daemon)
      throw AssertionError(
          "daemonic processes are not allowed to have children");
    if (!P.HookRegistered) {
      P.HookRegistered = true;
      core::registerAtExit(atExit);
    }
  }
  // Python's _cleanup(): children that ended leave the set.
  for (const auto &C : children())
    if (poll(*C, core::kernel().now(), 0))
      forget(C.get());
  std::string Error;
  int Pid = os_impl::forkChild(Name, R.Rec.site(Loc), Error);
  if (Pid < 0)
    throw OSError(Error);
  if (Pid == 0)
    runChild(State);
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    State->Pid = Pid;
    State->StartedAt = report::Location{Loc.file_name(), Loc.line(), Loc.column()};
  }
  std::lock_guard<core::InternalMutex> G(P.Mu);
  P.Children.push_back(State);
}

void Process::join(std::optional<double> Timeout, SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->CreatorPid != ::getpid())
      throw AssertionError("can only join a child process");
    if (State->Pid == 0)
      throw AssertionError("can only join a started process");
  }
  std::optional<int64_t> Deadline;
  if (Timeout)
    Deadline = core::kernel().deadlineAfter(*Timeout);
  if (poll(*State, Deadline, core::runtime().Rec.site(Loc)))
    forget(State.get());
}

bool Process::is_alive(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->CreatorPid == 0 && State->Pid == ::getpid())
      return true; // current_process()
    if (State->CreatorPid != ::getpid())
      throw AssertionError("can only test a child process");
    if (State->Pid == 0)
      return false;
  }
  if (!poll(*State, core::kernel().now(), core::runtime().Rec.site(Loc)))
    return true;
  forget(State.get());
  return false;
}

void Process::terminate(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  int Pid;
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    Pid = State->Pid;
  }
  if (Pid == 0)
    throw AttributeError("'NoneType' object has no attribute 'terminate'");
  os_impl::signalChild(Pid, SIGTERM, core::runtime().Rec.site(Loc));
}

void Process::kill(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  int Pid;
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    Pid = State->Pid;
  }
  if (Pid == 0)
    throw AttributeError("'NoneType' object has no attribute 'kill'");
  os_impl::signalChild(Pid, SIGKILL, core::runtime().Rec.site(Loc));
}

std::optional<int> Process::pid() const {
  std::lock_guard<core::InternalMutex> G(State->Mu);
  if (State->Pid == 0)
    return std::nullopt;
  return State->Pid;
}

std::optional<int> Process::exitcode(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->Pid == 0 || State->CreatorPid != ::getpid())
      return State->ExitCode;
  }
  poll(*State, core::kernel().now(), core::runtime().Rec.site(Loc));
  std::lock_guard<core::InternalMutex> G(State->Mu);
  return State->ExitCode;
}

std::string Process::name() const {
  std::lock_guard<core::InternalMutex> G(State->Mu);
  return State->nameLocked();
}

void Process::set_name(std::string Name) {
  std::lock_guard<core::InternalMutex> G(State->Mu);
  State->Name = std::move(Name);
  State->NameSet = true;
}

bool Process::daemon() const {
  std::lock_guard<core::InternalMutex> G(State->Mu);
  return State->Daemon;
}

void Process::set_daemon(bool Daemonic) {
  std::lock_guard<core::InternalMutex> G(State->Mu);
  if (State->Pid != 0)
    throw AssertionError("process has already started");
  State->Daemon = Daemonic;
}

Process &current_process() {
  WEFT_TSAN_IGNORE_ACCESSES();
  ThisProcess &P = me();
  {
    std::lock_guard<core::InternalMutex> G(P.Mu);
    if (P.Current && P.Current->Object)
      return *P.Current->Object;
  }
  static MainProcess *Main = [] {
    auto *M = new MainProcess(); // immortal
    {
      // Python's MainProcess has no number: give back the one it took.
      ThisProcess &P = me();
      std::lock_guard<core::InternalMutex> G(P.Mu);
      --P.Counter;
    }
    std::lock_guard<core::InternalMutex> G(M->state()->Mu);
    M->state()->Pid = ::getpid();
    M->state()->CreatorPid = 0;
    return M;
  }();
  return *Main;
}

std::vector<Process *> active_children() {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::vector<Process *> Out;
  for (const auto &C : children()) {
    if (poll(*C, core::kernel().now(), 0)) {
      forget(C.get());
      continue;
    }
    std::lock_guard<core::InternalMutex> G(C->Mu);
    if (C->Object)
      Out.push_back(C->Object);
  }
  return Out;
}

int cpu_count() {
  long N = ::sysconf(_SC_NPROCESSORS_ONLN);
  return N > 0 ? static_cast<int>(N) : 1;
}

} // namespace weft::multiprocessing
