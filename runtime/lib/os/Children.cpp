//===- runtime/lib/os/Children.cpp - this process's child processes ------------===//
#include "os/Children.h"

#include "core/Kernel.h"
#include "core/Runtime.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <poll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace weft::os_impl {
namespace {

struct Child {
  bool Reaped = false;
  int Status = 0;
};

core::InternalMutex TableMu;
std::map<int, Child> *Table = new std::map<int, Child>(); // immortal
std::string *Name = new std::string("MainProcess");       // TableMu

int pidfdOpen(int Pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, Pid, 0));
#else
  errno = ENOSYS;
  return -1;
#endif
}

/// Reaps \p Pid if it ended (TableMu held). Ended/Running/NotAChild.
WaitResult lookLocked(int Pid, int &Status) {
  auto It = Table->find(Pid);
  if (It != Table->end() && It->second.Reaped) {
    Status = It->second.Status;
    return WaitResult::Ended;
  }
  int St = 0;
  pid_t R;
  do
    R = ::waitpid(Pid, &St, WNOHANG);
  while (R < 0 && errno == EINTR);
  if (R < 0)
    return WaitResult::NotAChild;
  if (R == 0)
    return WaitResult::Running;
  core::Runtime &Rt = core::runtime();
  if (WIFSIGNALED(St) && !Rt.Settings.TracePathGiven)
    // Killed, it could not delete its default trace itself (nor report:
    // a chosen trace keeps what it recorded up to the signal).
    ::unlink((Rt.TracePath + "." + std::to_string(Pid)).c_str());
  Child &C = (*Table)[Pid];
  C.Reaped = true;
  C.Status = St;
  Status = St;
  return WaitResult::Ended;
}

/// Blocks until \p Pid may have ended or \p DeadlineNs passed.
void block(int Pid, std::optional<int64_t> DeadlineNs) {
  core::Kernel &K = core::kernel();
  int Fd = pidfdOpen(Pid);
  int Ms = -1;
  if (DeadlineNs) {
    int64_t Left = *DeadlineNs - K.now();
    Ms = Left <= 0 ? 0 : static_cast<int>(std::min<int64_t>(
                             (Left + 999999) / 1000000, 1000 * 1000));
  }
  if (Fd < 0) {
    // No pidfd (an old kernel, or the child was reaped meanwhile): look
    // again in a millisecond.
    struct timespec T{0, 1000000};
    if (Ms != 0)
      ::nanosleep(&T, nullptr);
    return;
  }
  struct pollfd P{Fd, POLLIN, 0};
  while (::poll(&P, 1, Ms) < 0 && errno == EINTR) {
  }
  ::close(Fd);
}

} // namespace

RunShared &runShared() {
  static RunShared *S = [] {
    void *P = ::mmap(nullptr, sizeof(RunShared), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (P == MAP_FAILED) // then only this process's ids are unique
      return new RunShared{};
    return new (P) RunShared{};
  }();
  return *S;
}

std::string processName() {
  std::lock_guard<core::InternalMutex> G(TableMu);
  return *Name;
}

void setProcessName(std::string N) {
  std::lock_guard<core::InternalMutex> G(TableMu);
  *Name = std::move(N);
}

int forkChild(const std::string &ChildName, uint32_t Site,
              std::string &Error) {
  core::Runtime &R = core::runtime();
  core::Actor &Me = core::self();
  if (R.Rec.controlled()) {
    Error = "processes are not supported under the controlled scheduler "
            "(--schedule) yet";
    return -1;
  }
  std::fflush(nullptr);
  // Made before the first fork: every child shares it.
  R.RunFindings = &runShared().Findings;
  // The tables a child inherits must not be in the middle of a change.
  R.Rec.lockForFork();
  TableMu.lock();
  pid_t Pid = ::fork();
  int Saved = errno;
  if (Pid == 0) {
    Table = new std::map<int, Child>(); // the parent's children are not ours
    *Name = ChildName;
    TableMu.unlock();
    core::Actor &Main = core::restartAfterFork(
        R.TracePath + "." + std::to_string(::getpid()), R);
    core::Runtime &C = core::runtime();
    Main.Type = trace::ActorType::Process;
    C.Rec.defineActor(Main, "MainThread");
    C.Rec.setProcessName(ChildName);
    C.Rec.sync(trace::EventKind::ProcessBegin, 0, Main.Id,
               C.Rec.string(ChildName), 0);
    return 0;
  }
  TableMu.unlock();
  R.Rec.unlockAfterFork();
  if (Pid < 0) {
    Error = std::strerror(Saved);
    return -1;
  }
  {
    std::lock_guard<core::InternalMutex> G(TableMu);
    (*Table)[Pid] = Child{};
  }
  R.Rec.sync(trace::EventKind::ProcessStart, 0, Me.Id,
             static_cast<uint32_t>(Pid), Site);
  return Pid;
}

int spawnChild(const std::vector<std::string> &Argv, const int (&Fds)[3],
               const std::vector<int> &Close, uint32_t Site, int &Errno) {
  core::Runtime &R = core::runtime();
  core::Actor &Me = core::self();
  // Everything the child needs is made before the fork: after it only
  // async-signal-safe calls (a multithreaded parent's locks may be held).
  std::vector<char *> Args;
  for (const std::string &A : Argv)
    Args.push_back(const_cast<char *>(A.c_str()));
  Args.push_back(nullptr);
  std::vector<std::string> EnvText;
  for (char **E = environ; *E; ++E)
    if (std::strncmp(*E, "WEFT_TRACE=", 11) != 0)
      EnvText.emplace_back(*E);
  std::vector<char *> Env;
  for (std::string &E : EnvText)
    Env.push_back(E.data());
  // "WEFT_TRACE=<path>.<pid>": the pid is written in by the child.
  std::string Trace = "WEFT_TRACE=" + R.TracePath + "." + std::string(12, '\0');
  const size_t PidAt = Trace.size() - 12;
  if (!R.TracePath.empty())
    Env.push_back(Trace.data());
  Env.push_back(nullptr);
  // The exec's errno comes back through a close-on-exec pipe.
  int Report[2];
  if (::pipe2(Report, O_CLOEXEC) != 0) {
    Errno = errno;
    return -1;
  }
  std::fflush(nullptr);
  pid_t Pid = ::fork();
  if (Pid == 0) {
    // The child: digits of the pid, the descriptors, exec.
    char Digits[12];
    int N = 0;
    for (unsigned V = static_cast<unsigned>(::getpid()); V; V /= 10)
      Digits[N++] = static_cast<char>('0' + V % 10);
    for (int I = 0; I < N; ++I)
      Trace[PidAt + I] = Digits[N - 1 - I];
    for (int I = 0; I < 3; ++I)
      if (Fds[I] >= 0 && Fds[I] != I)
        ::dup2(Fds[I], I);
    for (int Fd : Close)
      ::close(Fd);
    ::execvpe(Args[0], Args.data(), Env.data());
    int E = errno;
    (void)!::write(Report[1], &E, sizeof E);
    ::_exit(127);
  }
  int Saved = errno;
  ::close(Report[1]);
  if (Pid < 0) {
    ::close(Report[0]);
    Errno = Saved;
    return -1;
  }
  int E = 0;
  ssize_t Got;
  while ((Got = ::read(Report[0], &E, sizeof E)) < 0 && errno == EINTR) {
  }
  ::close(Report[0]);
  if (Got == sizeof E) { // exec failed: reap the child, nothing started
    int St;
    while (::waitpid(Pid, &St, 0) < 0 && errno == EINTR) {
    }
    Errno = E;
    return -1;
  }
  {
    std::lock_guard<core::InternalMutex> G(TableMu);
    (*Table)[Pid] = Child{};
  }
  R.Rec.sync(trace::EventKind::ProcessStart, 0, Me.Id,
             static_cast<uint32_t>(Pid), Site);
  return Pid;
}

WaitResult waitChild(int Pid, std::optional<int64_t> DeadlineNs,
                     uint32_t Site, int &Status) {
  core::Runtime &R = core::runtime();
  core::Actor &Me = core::self();
  core::Kernel &K = core::kernel();
  bool Drained = false;
  WaitResult W;
  for (;;) {
    {
      std::lock_guard<core::InternalMutex> G(TableMu);
      W = lookLocked(Pid, Status);
    }
    if (W != WaitResult::Running)
      break;
    if (DeadlineNs && K.now() >= *DeadlineNs)
      break;
    if (!Drained) {
      // Before blocking, as the kernel's park does: the Monitor sees what
      // this process did so far.
      R.Rec.drain();
      Drained = true;
    }
    block(Pid, DeadlineNs);
  }
  // A look that finds the child running (is_alive, WNOHANG) is no wait.
  if (W == WaitResult::Ended || (Site != 0 && Drained))
    R.Rec.sync(trace::EventKind::ProcessJoin, W == WaitResult::Ended ? 0 : 1,
               Me.Id, static_cast<uint32_t>(Pid), Site);
  return W;
}

void signalChild(int Pid, int Signal, uint32_t Site) {
  core::Runtime &R = core::runtime();
  core::Actor &Me = core::self();
  std::lock_guard<core::InternalMutex> G(TableMu);
  auto It = Table->find(Pid);
  if (It != Table->end() && It->second.Reaped)
    return; // Python: nothing to signal once it was waited for
  R.Rec.sync(trace::EventKind::ProcessSignal, static_cast<uint8_t>(Signal),
             Me.Id, static_cast<uint32_t>(Pid), Site);
  ::kill(Pid, Signal);
}

} // namespace weft::os_impl
