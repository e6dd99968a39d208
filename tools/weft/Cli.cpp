//===- tools/weft/Cli.cpp - shared pieces of the weft command -------------===//
#include "Cli.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <mutex>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string.h> // sigabbrev_np
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <poll.h>
#include <random>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace weft::cli {

int usageError(std::string_view Cmd, std::string_view Msg) {
  std::cerr << "weft: error: " << Msg << "\n";
  if (!Cmd.empty())
    std::cerr << "weft: see 'weft help " << Cmd << "'\n";
  else
    std::cerr << "weft: see 'weft help'\n";
  return ExitUsage;
}

void note(std::string_view Msg) { std::cerr << "weft: " << Msg << "\n"; }

namespace {
/// A[I] is Name, or Name=VALUE.
bool isOption(const std::string &S, std::string_view Name) {
  return S == Name || (S.size() > Name.size() &&
                       S.compare(0, Name.size(), Name) == 0 &&
                       S[Name.size()] == '=');
}
} // namespace

std::optional<std::string> optionValue(const Args &A, size_t &I,
                                       std::string_view Name, bool &Missing,
                                       bool Repeatable) {
  Missing = false;
  const std::string &S = A[I];
  if (!isOption(S, Name))
    return std::nullopt;
  if (!Repeatable)
    for (size_t J = 0; J < I; ++J)
      if (isOption(A[J], Name))
        throw UsageError(std::string(Name) +
                         " given more than once (it takes one value)");
  if (S == Name) {
    if (I + 1 >= A.size()) {
      Missing = true;
      return std::string();
    }
    ++I;
    return A[I];
  }
  return S.substr(Name.size() + 1);
}

bool parseSeconds(const std::string &V, double &Out) {
  char *End = nullptr;
  errno = 0;
  double D = std::strtod(V.c_str(), &End);
  if (V.empty() || !End || *End || errno == ERANGE || !std::isfinite(D) ||
      !(D > 0) || D > MaxSeconds)
    return false;
  Out = D;
  return true;
}

const Toolchain &toolchain() {
  static const Toolchain T = [] {
    Toolchain T;
    // Environment overrides let a relocated build or a test point elsewhere.
    const char *Inc = std::getenv("WEFT_INCLUDE_DIR");
    const char *Lib = std::getenv("WEFT_RUNTIME_LIB");
    const char *Cxx = std::getenv("WEFT_CXX");
    T.IncludeDir = Inc && *Inc ? Inc : WEFT_INCLUDE_DIR;
    T.RuntimeLib = Lib && *Lib ? Lib : WEFT_RUNTIME_LIB;
    T.Cxx = Cxx && *Cxx ? Cxx : WEFT_CXX;
    return T;
  }();
  return T;
}

std::string tsanRuntimeLib() {
  // Next to libweft_runtime.a unless WEFT_RUNTIME_TSAN_LIB says otherwise.
  const char *Env = std::getenv("WEFT_RUNTIME_TSAN_LIB");
  if (Env && *Env)
    return Env;
  const std::string &Plain = toolchain().RuntimeLib;
  size_t Slash = Plain.rfind('/');
  std::string Dir = Slash == std::string::npos ? "" : Plain.substr(0, Slash + 1);
  return Dir + "libweft_runtime_tsan.a";
}

std::string interposeLib() {
  const std::string &Plain = toolchain().RuntimeLib;
  size_t Slash = Plain.rfind('/');
  std::string Dir = Slash == std::string::npos ? "" : Plain.substr(0, Slash + 1);
  return Dir + "libweft_interpose.a";
}

std::vector<std::string>
compileCommand(const std::vector<std::string> &UserArgs) {
  const Toolchain &T = toolchain();
  bool HasStd = false, HasOpt = false, HasDebug = false, CompileOnly = false;
  bool Tsan = false, Plain = false, LangC = false;
  std::vector<std::string> Rest;
  for (const std::string &A : UserArgs) {
    // weft's own switches (`weft c++ --tsan`); not passed to the compiler.
    if (A == "--tsan" || A == "--no-tsan") {
      Tsan = A == "--tsan";
      continue;
    }
    // `weft c++ --plain`, and `weft cc` (which passes --lang=c): the
    // program's pthreads calls are taken over (docs/plain-programs.md).
    if (A == "--plain" || A == "--no-plain") {
      Plain = A == "--plain";
      continue;
    }
    if (A == "--lang=c") {
      LangC = Plain = true;
      continue;
    }
    if (A == "-fsanitize=thread")
      Tsan = true;
    if (A.rfind("-std=", 0) == 0)
      HasStd = true;
    else if (A.rfind("-O", 0) == 0)
      HasOpt = true;
    else if (A.rfind("-g", 0) == 0)
      HasDebug = true;
    else if (A == "-c" || A == "-S" || A == "-E" || A == "-fsyntax-only")
      CompileOnly = true;
    Rest.push_back(A);
  }
  std::vector<std::string> Cmd{T.Cxx};
  if (LangC)
    Cmd.push_back("-xc"); // the sources are C; the driver still links C++
  if (!HasStd)
    Cmd.push_back(LangC ? "-std=gnu17" : "-std=c++20");
  if (!HasDebug)
    Cmd.push_back("-g");
  if (!HasOpt)
    Cmd.push_back("-O1");
  Cmd.push_back("-pthread");
  if (Tsan && std::find(Rest.begin(), Rest.end(), "-fsanitize=thread") ==
                  Rest.end())
    Cmd.push_back("-fsanitize=thread");
  Cmd.push_back("-I" + T.IncludeDir);
  Cmd.insert(Cmd.end(), Rest.begin(), Rest.end());
  if (LangC)
    Cmd.push_back("-xnone");
  if (!CompileOnly && Plain && !Tsan) {
    // Whole: every definition must be in the program, and exported, so
    // that libstdc++'s own calls (std::thread, condition_variable::wait)
    // come to it too.
    Cmd.push_back("-Wl,--export-dynamic-symbol=pthread_*,--export-dynamic-symbol=*sleep");
    Cmd.push_back("-Wl,--whole-archive");
    Cmd.push_back(interposeLib());
    Cmd.push_back("-Wl,--no-whole-archive");
  }
  if (!CompileOnly)
    Cmd.push_back(Tsan ? tsanRuntimeLib() : T.RuntimeLib);
  return Cmd;
}

namespace {

// What the InterruptGuard's handler saw: the first signal, and how many.
std::atomic<int> CaughtSignal{0};
std::atomic<int> SignalCount{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void onInterrupt(int Sig) {
  int None = 0;
  CaughtSignal.compare_exchange_strong(None, Sig);
  SignalCount.fetch_add(1);
}

constexpr int ForwardedSignals[] = {SIGINT, SIGTERM, SIGHUP};
std::mutex GuardMu;
int GuardDepth = 0;
struct sigaction OldActions[std::size(ForwardedSignals)];

bool guardActive() {
  std::lock_guard<std::mutex> G(GuardMu);
  return GuardDepth > 0;
}

/// After forwarding a signal, how long the program may take to stop before
/// its group gets SIGKILL.
constexpr std::chrono::seconds StopGrace{5};

} // namespace

InterruptGuard::InterruptGuard() {
  std::lock_guard<std::mutex> G(GuardMu);
  if (GuardDepth++ > 0)
    return;
  struct sigaction SA {};
  SA.sa_handler = onInterrupt;
  sigemptyset(&SA.sa_mask);
  SA.sa_flags = SA_RESTART;
  for (size_t K = 0; K < std::size(ForwardedSignals); ++K)
    sigaction(ForwardedSignals[K], &SA, &OldActions[K]);
}

InterruptGuard::~InterruptGuard() {
  std::lock_guard<std::mutex> G(GuardMu);
  if (--GuardDepth > 0)
    return;
  for (size_t K = 0; K < std::size(ForwardedSignals); ++K)
    sigaction(ForwardedSignals[K], &OldActions[K], nullptr);
}

int interruptSignal() { return CaughtSignal.load(); }

std::string signalName(int Sig) {
  if (const char *Abbrev = sigabbrev_np(Sig))
    return std::string("SIG") + Abbrev;
  return "signal " + std::to_string(Sig);
}

std::string unwritableReason(const std::string &Path) {
  struct stat St;
  if (stat(Path.c_str(), &St) == 0) {
    if (S_ISDIR(St.st_mode))
      return "it is a directory";
    if (!S_ISREG(St.st_mode))
      return "it is not a regular file";
    if (access(Path.c_str(), W_OK) != 0)
      return std::strerror(errno);
    return "";
  }
  size_t Slash = Path.rfind('/');
  std::string Dir = Slash == std::string::npos ? "."
                    : Slash == 0              ? "/"
                                              : Path.substr(0, Slash);
  if (stat(Dir.c_str(), &St) != 0)
    return "directory " + Dir + ": " + std::strerror(errno);
  if (!S_ISDIR(St.st_mode))
    return Dir + " is not a directory";
  if (access(Dir.c_str(), W_OK | X_OK) != 0)
    return "directory " + Dir + ": " + std::strerror(errno);
  return "";
}

std::string reportDirReason(const std::string &Dir) {
  std::error_code EC;
  std::filesystem::create_directories(Dir, EC);
  if (EC)
    return EC.message();
  struct stat St;
  if (stat(Dir.c_str(), &St) != 0)
    return std::strerror(errno);
  if (!S_ISDIR(St.st_mode))
    return "it is not a directory";
  if (access(Dir.c_str(), W_OK | X_OK) != 0)
    return std::strerror(errno);
  return "";
}

namespace {

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

/// Forwards what is readable on \p Fd to stderr, keeping the first 64 KiB
/// in \p Captured; false at end of file.
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

void closeFd(int &Fd) {
  if (Fd >= 0)
    ::close(Fd);
  Fd = -1;
}

} // namespace

ProcessResult runProcess(const std::vector<std::string> &Argv,
                         const ProcessOptions &Opts) {
  ProcessResult R;
  if (Argv.empty()) {
    R.StartError = "no program given";
    return R;
  }
  if (int Sig = CaughtSignal.load(); Sig && guardActive()) {
    R.Interrupted = Sig; // not started: weft is stopping
    R.StartError = "interrupted by " + signalName(Sig);
    return R;
  }
  std::string *Captured = Opts.OutputFile.empty() ? Opts.CapturedStderr : nullptr;
  if (Captured)
    Captured->clear();
  // A pipe with O_CLOEXEC reports exec failure from the child.
  int ErrPipe[2] = {-1, -1};
  int CapPipe[2] = {-1, -1};
  int OutFd = -1, InFd = -1, ErrFd = -1;
  auto Fail = [&](std::string Msg) {
    R.StartError = std::move(Msg);
    closeFd(ErrPipe[0]);
    closeFd(ErrPipe[1]);
    closeFd(CapPipe[0]);
    closeFd(CapPipe[1]);
    closeFd(OutFd);
    closeFd(InFd);
    closeFd(ErrFd);
    return R;
  };
  if (pipe2(ErrPipe, O_CLOEXEC) != 0)
    return Fail(std::string("pipe: ") + std::strerror(errno));
  if (Captured && pipe2(CapPipe, O_CLOEXEC) != 0)
    return Fail(std::string("pipe: ") + std::strerror(errno));
  if (!Opts.OutputFile.empty()) {
    OutFd = ::open(Opts.OutputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                   0644);
    if (OutFd < 0)
      return Fail("cannot write " + Opts.OutputFile + ": " + std::strerror(errno));
  }
  if (!Opts.OutputFile.empty() && !Opts.ErrorFile.empty()) {
    ErrFd = ::open(Opts.ErrorFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                   0644);
    if (ErrFd < 0)
      return Fail("cannot write " + Opts.ErrorFile + ": " + std::strerror(errno));
  }
  if (!Opts.InputFile.empty()) {
    InFd = ::open(Opts.InputFile.c_str(), O_RDONLY | O_CLOEXEC);
    if (InFd < 0)
      return Fail("cannot read " + Opts.InputFile + ": " + std::strerror(errno));
  }
  // The program's orphaned processes come to weft, which waits for them.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  pid_t Pid = fork();
  if (Pid < 0)
    return Fail(std::string("fork: ") + std::strerror(errno));
  if (Pid == 0) {
    setpgid(0, 0);
    if (Opts.ClearEnv)
      clearenv();
    for (const std::string &V : Opts.UnsetEnv)
      unsetenv(V.c_str());
    for (const auto &[K, V] : Opts.SetEnv)
      setenv(K.c_str(), V.c_str(), 1);
    if (OutFd >= 0) {
      dup2(OutFd, 1);
      dup2(ErrFd >= 0 ? ErrFd : OutFd, 2);
    }
    if (InFd >= 0)
      dup2(InFd, 0);
    if (CapPipe[1] >= 0)
      dup2(CapPipe[1], 2); // dup2 clears O_CLOEXEC on fd 2
    if (Opts.StdoutToStderr && OutFd < 0)
      dup2(2, 1);
    // The InterruptGuard's handlers are ours, not the program's.
    for (int Sig : ForwardedSignals)
      signal(Sig, SIG_DFL);
    std::vector<char *> CArgs;
    for (const std::string &A : Opts.Wrapper)
      CArgs.push_back(const_cast<char *>(A.c_str()));
    for (const std::string &A : Argv)
      CArgs.push_back(const_cast<char *>(A.c_str()));
    CArgs.push_back(nullptr);
    execvp(CArgs[0], CArgs.data());
    int E = errno;
    ssize_t Ignored = write(ErrPipe[1], &E, sizeof E);
    (void)Ignored;
    _exit(127);
  }
  setpgid(Pid, Pid); // both sides, to win the race with exec
  closeFd(ErrPipe[1]);
  closeFd(CapPipe[1]);
  closeFd(OutFd);
  closeFd(InFd);
  closeFd(ErrFd);
  int ExecErr = 0;
  ssize_t N = read(ErrPipe[0], &ExecErr, sizeof ExecErr);
  closeFd(ErrPipe[0]);
  if (N == sizeof ExecErr) {
    waitpid(Pid, nullptr, 0);
    return Fail("cannot run " + (Opts.Wrapper.empty() ? Argv[0] : Opts.Wrapper[0]) +
                ": " + std::strerror(ExecErr));
  }
  R.Started = true;

  int Status = 0;
  // Under an InterruptGuard a signal may arrive in any thread: poll.
  bool Polling = Opts.TimeoutSeconds > 0 || Captured || guardActive();
  bool Open = Captured != nullptr;
  using Clock = std::chrono::steady_clock;
  auto Deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(Opts.TimeoutSeconds));
  int SeenSignals = 0;
  auto KillAt = Clock::time_point::max();
  for (;;) {
    if (Open)
      Open = pump(CapPipe[0], *Captured, 20);
    else if (Polling)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    pid_t W = waitpid(Pid, &Status, Polling ? WNOHANG : 0);
    if (W == Pid)
      break;
    if (W < 0 && errno != EINTR)
      return Fail(std::string("waitpid: ") + std::strerror(errno));
    if (int Sig = CaughtSignal.load()) {
      // Forward the first signal; at a second one, or when the program has
      // not stopped after StopGrace, kill the group.
      int Count = SignalCount.load();
      if (!R.Interrupted) {
        R.Interrupted = Sig;
        SeenSignals = Count;
        kill(-Pid, Sig);
        KillAt = Clock::now() + StopGrace;
      } else if (Count > SeenSignals || Clock::now() >= KillAt) {
        kill(-Pid, SIGKILL);
        SeenSignals = Count;
        KillAt = Clock::time_point::max();
      }
      continue;
    }
    if (Opts.TimeoutSeconds > 0 && Clock::now() >= Deadline) {
      R.TimedOut = true;
      kill(-Pid, SIGKILL);
      waitpid(Pid, &Status, 0);
      break;
    }
  }
  // Processes of the program that outlive it (orphans: weft is their
  // subreaper, so they are reparented to weft, not to init) end the run
  // when the last one has ended and is waited for: no zombie or orphan is
  // left behind. --timeout and signals still end them all.
  for (;;) {
    pid_t W = waitpid(-Pid, nullptr, WNOHANG);
    if (W > 0)
      continue;
    if (W < 0 && errno == EINTR)
      continue;
    if (W < 0)
      break; // none left in the group
    bool Stop = CaughtSignal.load() != 0 ||
                (Opts.TimeoutSeconds > 0 && Clock::now() >= Deadline);
    if (Stop) {
      if (!R.Interrupted && !CaughtSignal.load())
        R.TimedOut = true;
      kill(-Pid, SIGKILL);
      while (waitpid(-Pid, nullptr, 0) > 0 || errno == EINTR) {
      }
      break;
    }
    if (Open)
      Open = pump(CapPipe[0], *Captured, 5);
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // What the program wrote last; a daemon grandchild holding the pipe open
  // must not keep us waiting.
  for (int I = 0; Open && I < 100; ++I)
    Open = pump(CapPipe[0], *Captured, 10);
  closeFd(CapPipe[0]);
  if (WIFEXITED(Status)) {
    R.Exited = true;
    R.ExitStatus = WEXITSTATUS(Status);
  } else if (WIFSIGNALED(Status)) {
    R.Signal = WTERMSIG(Status);
  }
  return R;
}

bool emitReport(const report::Report &R, report::Format F,
                const std::string &OutFile) {
  report::RenderOptions O;
  if (!OutFile.empty()) {
    std::ofstream OS(OutFile);
    if (!OS)
      return false;
    report::render(OS, F, R, O);
    return static_cast<bool>(OS);
  }
  if (F == report::Format::Text) {
    O.Color = report::colorWanted(2);
    report::render(std::cerr, F, R, O);
  } else {
    report::render(std::cout, F, R, O);
    std::cout.flush();
  }
  return true;
}

std::string tempPath(std::string_view Prefix, std::string_view Suffix) {
  const char *Dir = std::getenv("TMPDIR");
  std::string Base = Dir && *Dir ? Dir : "/tmp";
  std::random_device RD;
  for (int Try = 0; Try < 100; ++Try) {
    std::string P = Base + "/" + std::string(Prefix) + std::to_string(getpid()) +
                    "-" + std::to_string(RD() % 1000000) + std::string(Suffix);
    struct stat St;
    if (stat(P.c_str(), &St) != 0)
      return P;
  }
  return Base + "/" + std::string(Prefix) + std::to_string(getpid()) +
         std::string(Suffix);
}

} // namespace weft::cli
