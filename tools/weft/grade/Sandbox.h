//===- tools/weft/grade/Sandbox.h - contain student code ------------------===//
//
// Every build and run of student code goes through here: bubblewrap (new
// user, PID, network, IPC, UTS and mount namespaces; the system read-only;
// only weft's headers and runtime and one scratch directory visible, the
// scratch directory the only writable place besides a private /tmp) and,
// inside it, prlimit (CPU time, address space, processes, file size).
// Run as root, the sandbox first drops to an unprivileged user (nobody), so
// that the process limit holds. docs/grading.md, "The sandbox".
//===----------------------------------------------------------------------===//
#ifndef WEFT_TOOLS_GRADE_SANDBOX_H
#define WEFT_TOOLS_GRADE_SANDBOX_H

#include "Cli.h"
#include "grade/Spec.h"

#include <string>
#include <vector>

namespace weft::cli::grade {

class Sandbox {
public:
  /// \p Enabled false: --unsafe-no-sandbox (the rlimits still apply).
  explicit Sandbox(bool Enabled);

  /// Empty when a sandboxed `true` runs; otherwise why not (a sentence).
  std::string probe() const;

  /// Options for one process in \p Scratch (created and handed to the
  /// sandbox's user): the wrapper, an empty environment but PATH and HOME,
  /// stdin from \p Stdin ("" : /dev/null), stdout and stderr to files.
  /// \p MemoryLimit false leaves the address space unlimited (TSan).
  ProcessOptions options(const std::string &Scratch, const Limits &L,
                         bool MemoryLimit, const std::string &Stdin,
                         const std::string &Stdout,
                         const std::string &Stderr) const;

  /// Makes \p Dir (and its parents) writable by the sandbox's user.
  bool prepareScratch(const std::string &Dir, std::string &Err) const;

  bool enabled() const { return Enabled; }

private:
  bool Enabled;
  std::vector<std::string> ReadOnly; // weft's files the builds need
};

/// This weft executable (the sandbox shows it to run `weft analyze`).
std::string selfExe();

/// bubblewrap reports a program killed by signal N as exit status 128+N:
/// turns that back into the signal (a program's own exit(130) reads as
/// SIGINT too; docs/grading.md).
void sandboxStatus(ProcessResult &P, bool Sandboxed);

/// Why a run ended by a signal that a limit sends, or "" : "used more than
/// 2 s of CPU time (cpu_seconds)" for SIGXCPU, "wrote a file or output
/// larger than 64 KB (file_size_kb)" for SIGXFSZ; "ran out of memory
/// (memory_mb = 256)" when \p Stderr shows a failed allocation.
std::string limitReason(const ProcessResult &P, const Limits &L,
                        const std::string &Stderr);

} // namespace weft::cli::grade

#endif
