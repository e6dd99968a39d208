//===- weft/subprocess.h - Python's subprocess, C++ spelling ---------------===//
//
// Other programs as child processes: subprocess.call, run and Popen with
// pipes. The child is an actor of the run like a multiprocessing Process:
// its start and the wait for it are in the trace (process-start,
// process-join), and if it is itself a weft program its trace joins the
// run's (docs/processes.md). Text only (Python's text=True): what goes in
// and comes out is a std::string.
//
//   int r = weft::subprocess::call({"ls", "-l"});
//   auto p = weft::subprocess::run({"echo", "hi"}, {.capture_output = true});
//   print(p.returncode, p.stdout_);            // 0 hi\n
//===----------------------------------------------------------------------===//
#ifndef WEFT_SUBPROCESS_H
#define WEFT_SUBPROCESS_H

#include "weft/errors.h"

#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

namespace weft::subprocess {

using SourceLoc = std::source_location;

/// subprocess.PIPE / None (the parent's own stream) / DEVNULL.
enum class Stream { Inherit, Pipe, DevNull };
inline constexpr Stream PIPE = Stream::Pipe;
inline constexpr Stream DEVNULL = Stream::DevNull;

/// Popen(args, stdin=..., stdout=..., stderr=...).
struct PopenOptions {
  Stream stdin_ = Stream::Inherit;
  Stream stdout_ = Stream::Inherit;
  Stream stderr_ = Stream::Inherit;
};

/// What run() returns (subprocess.CompletedProcess).
struct CompletedProcess {
  std::vector<std::string> args;
  int returncode = 0;
  std::string stdout_, stderr_; // empty unless captured
};

/// run(args, input=None, capture_output=False, timeout=None, check=False).
struct RunOptions {
  std::optional<std::string> input;
  bool capture_output = false;
  std::optional<double> timeout;
  bool check = false;
};

struct PopenState;

class Popen {
public:
  /// Starts the program. FileNotFoundError "[Errno 2] No such file or
  /// directory: 'name'" (PermissionError, OSError) if it cannot start.
  explicit Popen(std::vector<std::string> args, PopenOptions Opts = {},
                 SourceLoc Loc = SourceLoc::current());
  ~Popen();
  Popen(const Popen &) = delete;
  Popen &operator=(const Popen &) = delete;

  /// Sends \p input to stdin (then closes it), reads stdout and stderr to
  /// their end and waits for the child: (stdout, stderr), empty where not
  /// a pipe. TimeoutExpired after \p timeout seconds (the child runs on).
  std::pair<std::string, std::string>
  communicate(std::optional<std::string> input = std::nullopt,
              std::optional<double> timeout = std::nullopt,
              SourceLoc Loc = SourceLoc::current());
  /// Waits for the child to end: its return code (-N if killed by signal
  /// N). TimeoutExpired after \p timeout seconds.
  int wait(std::optional<double> timeout = std::nullopt,
           SourceLoc Loc = SourceLoc::current());
  /// The return code if the child has ended, else None.
  std::optional<int> poll();
  void terminate(SourceLoc Loc = SourceLoc::current());
  void kill(SourceLoc Loc = SourceLoc::current());

  int pid() const;
  /// None until the child was seen to end (wait, poll, communicate).
  std::optional<int> returncode() const;
  const std::vector<std::string> &args() const;

private:
  std::unique_ptr<PopenState> S;
};

/// subprocess.call(args): runs the program, waits, returns its return code.
int call(std::vector<std::string> args, SourceLoc Loc = SourceLoc::current());
/// subprocess.run(args, ...). check: CalledProcessError "Command '[...]'
/// returned non-zero exit status N."
CompletedProcess run(std::vector<std::string> args, RunOptions Opts = {},
                     SourceLoc Loc = SourceLoc::current());
/// subprocess.check_output(args): its stdout; CalledProcessError as run.
std::string check_output(std::vector<std::string> args,
                         SourceLoc Loc = SourceLoc::current());

} // namespace weft::subprocess

#endif
