//===- tools/weft/TsanRun.cpp - running ThreadSanitizer programs ----------===//
//
// What `weft run` does differently for a program built with `weft c++
// --tsan` (docs/tsan.md):
//   - its stderr passes through weft (forwarded as it comes) so that a TSan
//     start failure can be recognized;
//   - when TSan refused to start because of the address-space layout (ASLR;
//     "unexpected memory mapping" in older runtimes, "incompatible memory
//     layout" in LLVM 19 when its own re-exec did not help) and the program
//     wrote no trace (it never ran), the program is run again under
//     `setarch <arch> -R`, with a message.
//===----------------------------------------------------------------------===//
#include "TsanRun.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <poll.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

namespace weft::cli {
namespace {

/// The file execvp would run for \p Name.
std::string resolveProgram(const std::string &Name) {
  if (Name.find('/') != std::string::npos)
    return Name;
  const char *Path = std::getenv("PATH");
  std::string P = Path ? Path : "/usr/bin:/bin";
  size_t Start = 0;
  while (Start <= P.size()) {
    size_t End = P.find(':', Start);
    if (End == std::string::npos)
      End = P.size();
    std::string Dir = P.substr(Start, End - Start);
    std::string Full = (Dir.empty() ? "." : Dir) + "/" + Name;
    if (::access(Full.c_str(), X_OK) == 0)
      return Full;
    Start = End + 1;
  }
  return Name;
}

constexpr size_t MaxCapture = 1 << 16;

void writeAll(int Fd, const char *Data, size_t N) {
  while (N) {
    ssize_t W = ::write(Fd, Data, N);
    if (W < 0 && errno == EINTR)
      continue;
    if (W <= 0)
      return;
    Data += W;
    N -= static_cast<size_t>(W);
  }
}

/// Forwards what is readable on \p Fd to stderr; false at end of file.
bool pump(int Fd, std::string &Captured, int WaitMs) {
  pollfd P{Fd, POLLIN, 0};
  int R = ::poll(&P, 1, WaitMs);
  if (R <= 0)
    return true;
  char Buf[4096];
  ssize_t N = ::read(Fd, Buf, sizeof(Buf));
  if (N < 0)
    return errno == EINTR || errno == EAGAIN;
  if (N == 0)
    return false;
  writeAll(2, Buf, static_cast<size_t>(N));
  if (Captured.size() < MaxCapture)
    Captured.append(Buf, std::min(static_cast<size_t>(N),
                                  MaxCapture - Captured.size()));
  return true;
}

} // namespace

bool isTsanProgram(const std::string &Program) {
  std::ifstream In(resolveProgram(Program), std::ios::binary);
  if (!In)
    return false;
  static const std::string Needle = "__tsan_init";
  std::string Window;
  char Buf[1 << 16];
  while (In) {
    In.read(Buf, sizeof(Buf));
    std::streamsize N = In.gcount();
    if (N <= 0)
      break;
    Window.append(Buf, static_cast<size_t>(N));
    if (Window.find(Needle) != std::string::npos)
      return true;
    Window.erase(0, Window.size() - (Needle.size() - 1));
  }
  return false;
}

bool tsanRefusedLayout(const std::string &Output) {
  if (Output.find("ThreadSanitizer") == std::string::npos)
    return false;
  if (Output.find("even though ASLR is disabled") != std::string::npos)
    return false; // setarch -R cannot help
  return Output.find("unexpected memory mapping") != std::string::npos ||
         Output.find("incompatible memory layout") != std::string::npos ||
         Output.find("memory layout is incompatible") != std::string::npos;
}

std::vector<std::string> withoutAslr(const std::vector<std::string> &Argv) {
  utsname U{};
  std::vector<std::string> Out{"setarch"};
  if (::uname(&U) == 0)
    Out.push_back(U.machine);
  Out.push_back("-R");
  Out.insert(Out.end(), Argv.begin(), Argv.end());
  return Out;
}

std::string readHead(const std::string &File) {
  std::ifstream In(File, std::ios::binary);
  std::string S;
  char Buf[4096];
  while (In && S.size() < MaxCapture) {
    In.read(Buf, sizeof(Buf));
    S.append(Buf, static_cast<size_t>(In.gcount()));
  }
  return S;
}

ProcessResult runForwardingStderr(const std::vector<std::string> &Argv,
                                  const ProcessOptions &Opts,
                                  std::string &Captured) {
  ProcessResult R;
  Captured.clear();
  if (Argv.empty()) {
    R.StartError = "no program given";
    return R;
  }
  int ErrPipe[2], OutPipe[2];
  if (pipe2(ErrPipe, O_CLOEXEC) != 0) {
    R.StartError = std::string("pipe: ") + std::strerror(errno);
    return R;
  }
  if (pipe2(OutPipe, O_CLOEXEC) != 0) {
    R.StartError = std::string("pipe: ") + std::strerror(errno);
    ::close(ErrPipe[0]);
    ::close(ErrPipe[1]);
    return R;
  }
  pid_t Pid = fork();
  if (Pid < 0) {
    R.StartError = std::string("fork: ") + std::strerror(errno);
    return R;
  }
  if (Pid == 0) {
    setpgid(0, 0);
    for (const std::string &V : Opts.UnsetEnv)
      unsetenv(V.c_str());
    for (const auto &[K, V] : Opts.SetEnv)
      setenv(K.c_str(), V.c_str(), 1);
    dup2(OutPipe[1], 2); // dup2 clears O_CLOEXEC on fd 2
    std::vector<char *> CArgs;
    for (const std::string &A : Argv)
      CArgs.push_back(const_cast<char *>(A.c_str()));
    CArgs.push_back(nullptr);
    execvp(CArgs[0], CArgs.data());
    int E = errno;
    ssize_t Ignored = write(ErrPipe[1], &E, sizeof E);
    (void)Ignored;
    _exit(127);
  }
  setpgid(Pid, Pid);
  ::close(ErrPipe[1]);
  ::close(OutPipe[1]);
  int ExecErr = 0;
  ssize_t N = read(ErrPipe[0], &ExecErr, sizeof ExecErr);
  ::close(ErrPipe[0]);
  if (N == sizeof ExecErr) {
    waitpid(Pid, nullptr, 0);
    ::close(OutPipe[0]);
    R.StartError = "cannot run " + Argv[0] + ": " + std::strerror(ExecErr);
    return R;
  }
  R.Started = true;

  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration<double>(Opts.TimeoutSeconds);
  bool Open = true;
  int Status = 0;
  for (;;) {
    if (Open)
      Open = pump(OutPipe[0], Captured, 20);
    else
      ::usleep(5000);
    pid_t W = waitpid(Pid, &Status, WNOHANG);
    if (W == Pid)
      break;
    if (W < 0 && errno != EINTR) {
      R.StartError = std::string("waitpid: ") + std::strerror(errno);
      ::close(OutPipe[0]);
      return R;
    }
    if (Opts.TimeoutSeconds > 0 && std::chrono::steady_clock::now() >= Deadline) {
      R.TimedOut = true;
      kill(-Pid, SIGKILL);
      waitpid(Pid, &Status, 0);
      break;
    }
  }
  // What the program wrote last; a daemon grandchild holding the pipe open
  // must not keep us waiting.
  for (int I = 0; Open && I < 100; ++I)
    Open = pump(OutPipe[0], Captured, 10);
  ::close(OutPipe[0]);
  if (WIFEXITED(Status)) {
    R.Exited = true;
    R.ExitStatus = WEXITSTATUS(Status);
  } else if (WIFSIGNALED(Status)) {
    R.Signal = WTERMSIG(Status);
  }
  return R;
}

} // namespace weft::cli
