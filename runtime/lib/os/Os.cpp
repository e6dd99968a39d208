//===- runtime/lib/os/Os.cpp - os.fork, getpid, getppid, _exit, waitpid --------===//
#include "weft/os.h"

#include "weft/errors.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "os/Children.h"
#include "tsan/TsanAnnotations.h"

#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

namespace weft::os {

int fork(std::source_location Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  std::string Error;
  // Python's os.fork leaves current_process().name as it was.
  int Pid = os_impl::forkChild(os_impl::processName(), R.Rec.site(Loc), Error);
  if (Pid < 0)
    throw OSError(Error);
  return Pid;
}

int getpid() { return static_cast<int>(::getpid()); }
int getppid() { return static_cast<int>(::getppid()); }

void _exit(int Status) {
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    core::Runtime &R = core::runtime();
    core::Actor &Me = core::self();
    if (R.Child)
      R.Rec.sync(trace::EventKind::ProcessEnd, 1, Me.Id,
                 static_cast<uint32_t>(Status), 0);
    R.Rec.sync(trace::EventKind::ProgramExit, 0, Me.Id, 0, 0);
    size_t Findings = R.Mon.finish();
    if (Findings && R.RunFindings)
      R.RunFindings->fetch_add(1);
    // A child keeps its status (its parent reads it); the first process
    // ends as every weft program with findings does.
    if ((Findings || (R.RunFindings && R.RunFindings->load())) && !R.Child)
      Status = R.Settings.ExitCode;
    WEFT_TSAN_BEFORE_EXIT();
  }
  ::_exit(Status);
}

std::pair<int, int> waitpid(int Pid, int Options, std::source_location Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  int Status = 0;
  std::optional<int64_t> Deadline;
  if (Options & WNOHANG)
    Deadline = core::kernel().now();
  os_impl::WaitResult W =
      os_impl::waitChild(Pid, Deadline, R.Rec.site(Loc), Status);
  if (W == os_impl::WaitResult::NotAChild)
    throw ChildProcessError("[Errno 10] No child processes");
  if (W == os_impl::WaitResult::Running)
    return {0, 0};
  return {Pid, Status};
}

int waitstatus_to_exitcode(int Status) {
  if (WIFEXITED(Status))
    return WEXITSTATUS(Status);
  if (WIFSIGNALED(Status))
    return -WTERMSIG(Status);
  throw ValueError("invalid wait status: " + std::to_string(Status));
}

} // namespace weft::os
