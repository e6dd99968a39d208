//===- runtime/lib/os/Children.h - this process's child processes --------------===//
//
// What os.fork and multiprocessing.Process share: forking with the runtime's
// bookkeeping, and the table of this process's children (their names, how
// they ended, whether the program waited for them).
//
// In the parent, fork records process-start (object = the child's pid). In
// the child, the runtime is started afresh on the only thread left: its
// trace is the parent's path + "." + pid (docs/trace-format.md, runs with
// processes), its first event is process-begin naming the process, and its
// end records process-end with the exit code. Waiting for a child (join,
// is_alive, os.waitpid) records process-join; terminate/kill record
// process-signal.
//
// A wait polls a pidfd (it does not reap), and the child is reaped with
// WNOHANG under the table's mutex, so any number of threads may wait for
// the same child: the first to see it end stores its status for the others.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_OS_CHILDREN_H
#define WEFT_RUNTIME_OS_CHILDREN_H

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weft::os_impl {

/// fork() with the runtime's bookkeeping. Parent: returns the child's pid
/// (records process-start at \p Site). Child: returns 0, with a new runtime
/// whose process is named \p Name. -1 and \p Error if it could not fork.
int forkChild(const std::string &Name, uint32_t Site, std::string &Error);

/// Starts program \p Argv[0] (looked up in PATH) with \p Argv as a child
/// process (subprocess): fork, then exec at once. \p Fds[0..2] become the
/// child's stdin, stdout and stderr (-1: this process's own); \p Close are
/// closed in the child. If the program is a weft program, its trace joins
/// the run (WEFT_TRACE is set to this trace's path + "." + its pid). Parent:
/// returns the child's pid and records process-start at \p Site. -1 with
/// \p Errno when the program could not be started (ENOENT, EACCES, ...).
int spawnChild(const std::vector<std::string> &Argv, const int (&Fds)[3],
               const std::vector<int> &Close, uint32_t Site, int &Errno);

enum class WaitResult { Ended, Running, NotAChild };
/// Waits for child \p Pid to end, until \p DeadlineNs (kernel clock; none:
/// forever; a deadline in the past: only a look). Sets \p Status (a wait
/// status, as waitpid's) once it ended. Records process-join at \p Site
/// when the child has ended, or when it had to wait and the child still
/// runs (a timed-out join); a look that finds it running records nothing.
WaitResult waitChild(int Pid, std::optional<int64_t> DeadlineNs, uint32_t Site,
                     int &Status);
/// Sends \p Signal to child \p Pid (process-signal) unless it was reaped.
void signalChild(int Pid, int Signal, uint32_t Site);

/// What every process of the run shares (a MAP_SHARED page made before
/// the first fork, so every child inherits it): the run-wide counter of
/// message ids.
struct RunShared {
  uint32_t NextMessage; // atomically incremented (std::atomic_ref)
  std::atomic<uint32_t> Findings; // core::Runtime::RunFindings
  /// Who waits for which cross-process lock (multiprocessing/CrossDeadlock).
  struct Wait {
    uint64_t Key;   // the waiter's pid << 16 | actor id; 0: a free slot
    uintptr_t Lock; // the SharedMutex's address (the same in every process)
    char Who[80];
    char File[200];
    uint32_t Line, Column;
  };
  static constexpr int MaxWaits = 64;
  Wait Waits[MaxWaits];
};
RunShared &runShared();

/// The calling process's name as Python's current_process().name
/// ("MainProcess" in the first process).
std::string processName();
void setProcessName(std::string Name);

} // namespace weft::os_impl

#endif
