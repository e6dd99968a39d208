//===- weft/os.h - Python's os module: processes ---------------------------===//
//
// The process calls of Python's os module that the course uses. A child made
// by fork() is an actor of the run: it records into its own trace file (the
// parent's trace path + "." + its pid; docs/processes.md) and the parent's
// trace says where it was started and when it was waited for.
//
//   int pid = weft::os::fork();
//   if (pid == 0) { print("child", os::getpid(), os::getppid()); os::_exit(0); }
//   auto [Pid, Status] = weft::os::waitpid(pid, 0);
//===----------------------------------------------------------------------===//
#ifndef WEFT_OS_H
#define WEFT_OS_H

#include <source_location>
#include <sys/wait.h>
#include <utility>

namespace weft::os {

/// os.fork(): 0 in the child, the child's pid in the parent. OSError if
/// the system refuses, or under the controlled scheduler (--schedule),
/// which does not support processes yet.
int fork(std::source_location Loc = std::source_location::current());
/// os.getpid(), os.getppid().
int getpid();
int getppid();
/// os._exit(n): ends the process at once, without running exit handlers or
/// waiting for threads (weft still records the end and closes the trace).
[[noreturn]] void _exit(int Status);

// os.WNOHANG is the C library's WNOHANG (a macro, from <sys/wait.h>).
/// os.waitpid(pid, options): (pid, status) of a child that ended, or
/// (0, 0) with WNOHANG while it still runs. ChildProcessError for
/// a pid that is not a child.
std::pair<int, int>
waitpid(int Pid, int Options,
        std::source_location Loc = std::source_location::current());
/// os.waitstatus_to_exitcode(status): the exit code, or -signal.
int waitstatus_to_exitcode(int Status);

} // namespace weft::os

#endif
