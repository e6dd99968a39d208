//===- runtime/lib/subprocess/Popen.cpp - subprocess.Popen, run, call -----===//
//
// A program run as a child: os/Children starts it (fork + exec, recording
// process-start) and waits for it (process-join); this file adds the pipes
// and Python's API and messages. Reading and writing the pipes polls them
// together, so a child that fills its stderr while stdout is read does not
// stall (communicate's purpose in Python too).
//===----------------------------------------------------------------------===//
#include "weft/subprocess.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "os/Children.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace weft::subprocess {

struct PopenState {
  std::vector<std::string> Args;
  int Pid = 0;
  int In = -1, Out = -1, Err = -1; // our ends of the pipes
  std::optional<int> ReturnCode;
};

namespace {

/// Python's repr of the argument list: ['ls', '-l'].
std::string argsRepr(const std::vector<std::string> &Args) {
  std::string R = "[";
  for (size_t I = 0; I < Args.size(); ++I)
    R += (I ? ", '" : "'") + Args[I] + "'";
  return R + "]";
}

std::string seconds(double S) { return fmt::format("{}", S); }

/// A wait status as Python's returncode.
int returnCode(int Status) {
  if (WIFEXITED(Status))
    return WEXITSTATUS(Status);
  if (WIFSIGNALED(Status))
    return -WTERMSIG(Status);
  return Status;
}

[[noreturn]] void startFailed(int Errno, const std::string &Program) {
  std::string Msg = fmt::format("[Errno {}] {}: '{}'", Errno,
                                std::strerror(Errno), Program);
  if (Errno == ENOENT)
    throw FileNotFoundError(Msg);
  if (Errno == EACCES)
    throw PermissionError(Msg);
  throw OSError(Msg);
}

void closeFd(int &Fd) {
  if (Fd >= 0)
    ::close(Fd);
  Fd = -1;
}

/// Waits for the child; its return code, or none when \p Deadline passed.
std::optional<int> waitFor(PopenState &S, std::optional<int64_t> Deadline,
                           uint32_t Site) {
  if (S.ReturnCode)
    return S.ReturnCode;
  int Status = 0;
  if (os_impl::waitChild(S.Pid, Deadline, Site, Status) ==
      os_impl::WaitResult::Ended)
    S.ReturnCode = returnCode(Status);
  return S.ReturnCode;
}

} // namespace

Popen::Popen(std::vector<std::string> args, PopenOptions Opts, SourceLoc Loc)
    : S(std::make_unique<PopenState>()) {
  core::Runtime &R = core::runtime();
  if (args.empty())
    throw ValueError("args must not be empty");
  if (R.Rec.controlled())
    throw OSError("processes are not supported under the controlled "
                  "scheduler (--schedule) yet");
  S->Args = std::move(args);
  int Child[3] = {-1, -1, -1};
  std::vector<int> Close; // the parent's ends, closed in the child
  auto Setup = [&](int Which, Stream How) {
    if (How == Stream::Inherit)
      return;
    if (How == Stream::DevNull) {
      Child[Which] = ::open("/dev/null", Which == 0 ? O_RDONLY : O_WRONLY);
      return;
    }
    int P[2];
    if (::pipe2(P, O_CLOEXEC) != 0)
      startFailed(errno, S->Args[0]);
    // Index 0 reads: the child's stdin reads P[0]; its stdout writes P[1].
    Child[Which] = Which == 0 ? P[0] : P[1];
    int Mine = Which == 0 ? P[1] : P[0];
    (Which == 0 ? S->In : Which == 1 ? S->Out : S->Err) = Mine;
    Close.push_back(Mine);
  };
  Setup(0, Opts.stdin_);
  Setup(1, Opts.stdout_);
  Setup(2, Opts.stderr_);
  int Errno = 0;
  int Pid = os_impl::spawnChild(S->Args, Child, Close, R.Rec.site(Loc), Errno);
  for (int &Fd : Child)
    closeFd(Fd);
  if (Pid < 0) {
    closeFd(S->In);
    closeFd(S->Out);
    closeFd(S->Err);
    startFailed(Errno, S->Args[0]);
  }
  S->Pid = Pid;
}

Popen::~Popen() {
  closeFd(S->In);
  closeFd(S->Out);
  closeFd(S->Err);
}

std::pair<std::string, std::string>
Popen::communicate(std::optional<std::string> input,
                   std::optional<double> timeout, SourceLoc Loc) {
  core::Kernel &K = core::kernel();
  std::optional<int64_t> Deadline;
  if (timeout)
    Deadline = K.deadlineAfter(*timeout);
  std::string Out, Err, In = input.value_or("");
  size_t Sent = 0;
  if (S->In >= 0 && In.empty())
    closeFd(S->In);
  core::runtime().Rec.drain();
  while (S->In >= 0 || S->Out >= 0 || S->Err >= 0) {
    pollfd P[3];
    int N = 0;
    if (S->In >= 0)
      P[N++] = {S->In, POLLOUT, 0};
    if (S->Out >= 0)
      P[N++] = {S->Out, POLLIN, 0};
    if (S->Err >= 0)
      P[N++] = {S->Err, POLLIN, 0};
    int Ms = -1;
    if (Deadline) {
      int64_t Left = *Deadline - K.now();
      if (Left <= 0)
        throw TimeoutExpired(fmt::format("Command '{}' timed out after {} seconds",
                                         argsRepr(S->Args), seconds(*timeout)));
      Ms = static_cast<int>((Left + 999999) / 1000000);
    }
    int Got = ::poll(P, N, Ms);
    if (Got < 0 && errno == EINTR)
      continue;
    for (int I = 0; I < N; ++I) {
      if (!P[I].revents)
        continue;
      if (P[I].fd == S->In) {
        ssize_t W = ::write(S->In, In.data() + Sent, In.size() - Sent);
        if (W > 0)
          Sent += static_cast<size_t>(W);
        if (W < 0 || Sent == In.size()) // done, or the child stopped reading
          closeFd(S->In);
        continue;
      }
      char Buf[65536];
      ssize_t R = ::read(P[I].fd, Buf, sizeof Buf);
      if (R > 0) {
        (P[I].fd == S->Out ? Out : Err).append(Buf, static_cast<size_t>(R));
      } else if (R == 0 || errno != EINTR) {
        closeFd(P[I].fd == S->Out ? S->Out : S->Err);
      }
    }
  }
  if (!waitFor(*S, Deadline, core::runtime().Rec.site(Loc)))
    throw TimeoutExpired(fmt::format("Command '{}' timed out after {} seconds",
                                     argsRepr(S->Args), seconds(*timeout)));
  return {Out, Err};
}

int Popen::wait(std::optional<double> timeout, SourceLoc Loc) {
  std::optional<int64_t> Deadline;
  if (timeout)
    Deadline = core::kernel().deadlineAfter(*timeout);
  if (auto Code = waitFor(*S, Deadline, core::runtime().Rec.site(Loc)))
    return *Code;
  throw TimeoutExpired(fmt::format("Command '{}' timed out after {} seconds",
                                   argsRepr(S->Args), seconds(*timeout)));
}

std::optional<int> Popen::poll() {
  return waitFor(*S, core::kernel().now(), 0);
}

void Popen::terminate(SourceLoc Loc) {
  if (!S->ReturnCode)
    os_impl::signalChild(S->Pid, SIGTERM, core::runtime().Rec.site(Loc));
}

void Popen::kill(SourceLoc Loc) {
  if (!S->ReturnCode)
    os_impl::signalChild(S->Pid, SIGKILL, core::runtime().Rec.site(Loc));
}

int Popen::pid() const { return S->Pid; }
std::optional<int> Popen::returncode() const { return S->ReturnCode; }
const std::vector<std::string> &Popen::args() const { return S->Args; }

int call(std::vector<std::string> args, SourceLoc Loc) {
  Popen P(std::move(args), {}, Loc);
  return P.wait(std::nullopt, Loc);
}

CompletedProcess run(std::vector<std::string> args, RunOptions Opts,
                     SourceLoc Loc) {
  PopenOptions PO;
  if (Opts.input)
    PO.stdin_ = Stream::Pipe;
  if (Opts.capture_output)
    PO.stdout_ = PO.stderr_ = Stream::Pipe;
  Popen P(args, PO, Loc);
  CompletedProcess C;
  C.args = std::move(args);
  try {
    std::tie(C.stdout_, C.stderr_) = P.communicate(Opts.input, Opts.timeout, Loc);
  } catch (const TimeoutExpired &) {
    P.kill(Loc); // Python's run: kill the child, wait, re-raise
    P.wait(std::nullopt, Loc);
    throw;
  }
  C.returncode = *P.returncode();
  if (Opts.check && C.returncode != 0)
    throw CalledProcessError(
        C.returncode > 0
            ? fmt::format("Command '{}' returned non-zero exit status {}.",
                          argsRepr(C.args), C.returncode)
            : fmt::format("Command '{}' died with signal {}.",
                          argsRepr(C.args), -C.returncode));
  return C;
}

std::string check_output(std::vector<std::string> args, SourceLoc Loc) {
  RunOptions O;
  O.check = true;
  Popen P(args, PopenOptions{Stream::Inherit, Stream::Pipe, Stream::Inherit}, Loc);
  auto [Out, Err] = P.communicate(std::nullopt, std::nullopt, Loc);
  int Code = *P.returncode();
  if (Code != 0)
    throw CalledProcessError(
        fmt::format("Command '{}' returned non-zero exit status {}.",
                    argsRepr(args), Code));
  return Out;
}

} // namespace weft::subprocess
