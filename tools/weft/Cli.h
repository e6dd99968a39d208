//===- tools/weft/Cli.h - shared pieces of the weft command ---------------===//
//
// The CLI is thin: each command parses its arguments and calls the
// libraries (analyzer/, trace/, detect/, report/). This header holds what
// the commands share: argument helpers, child processes, output of reports.
//===----------------------------------------------------------------------===//
#ifndef WEFT_TOOLS_CLI_H
#define WEFT_TOOLS_CLI_H

#include "report/Finding.h"
#include "report/Render.h"
#include "trace/Describe.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace weft::cli {

/// Exit codes shared by every command.
enum ExitCode : int {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitInternal = 3,
};

using Args = std::vector<std::string>;

int cmdAnalyze(const Args &A);
int cmdCompile(const Args &A);
int cmdCompileC(const Args &A); // CompileCmd.cpp: `weft cc`
int cmdRun(const Args &A);
int cmdTrace(const Args &A);
int cmdCheck(const Args &A);
int cmdHelp(const Args &A);
int cmdExplore(const Args &A); // ExploreCmd.cpp
int cmdReplay(const Args &A);  // ReplayCmd.cpp
int cmdGrade(const Args &A);   // grade/GradeCmd.cpp
/// `weft trace export` / `weft trace graph` (TracePictures.cpp); A[0] is
/// the subcommand.
int traceExport(const Args &A);
int traceGraph(const Args &A);
int cmdReport(const Args &A); // TracePictures.cpp
/// `--report=DIR` of run and explore: the HTML report, the Perfetto JSON
/// and the DOT graphs of \p TracePath into DIR (named after the trace).
/// Prints where they went; false (with a message) if it cannot.
bool writeRunPictures(const std::string &TracePath, const std::string &Dir);
/// \p Prog as an absolute path when it names a file (a controlled run's
/// trace names its program for `weft replay`).
std::string absoluteProgram(const std::string &Prog);

/// Prints "weft: error: MSG" (and a hint to `weft help CMD`) on stderr and
/// returns ExitUsage.
int usageError(std::string_view Cmd, std::string_view Msg);
/// "weft: MSG" on stderr.
void note(std::string_view Msg);

/// A usage error found by the shared argument helpers; main() reports it
/// like usageError(COMMAND, what()).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Matches "--name=value" or "--name value"; advances I past what it used.
/// Returns nullopt when A[I] is not this option; sets Missing when the value
/// is absent. A single-valued option given again (an earlier A[J], J < I,
/// is the same option) throws UsageError unless \p Repeatable.
std::optional<std::string> optionValue(const Args &A, size_t &I,
                                       std::string_view Name, bool &Missing,
                                       bool Repeatable = false);

/// Parses a --timeout value: a finite number of seconds, > 0 and at most
/// MaxSeconds (nan, inf, negative numbers and trailing text are refused).
constexpr double MaxSeconds = 1e6;
inline constexpr std::string_view TimeoutNeeds =
    "--timeout needs a positive number of seconds (at most 1000000)";
bool parseSeconds(const std::string &V, double &Out);

/// Where weft's pieces are: include dir, runtime archive, user compiler.
struct Toolchain {
  std::string IncludeDir;
  std::string RuntimeLib;
  std::string Cxx;
};
const Toolchain &toolchain();

/// The runtime archive for ThreadSanitizer programs (`weft c++ --tsan`).
std::string tsanRuntimeLib();
/// Compile command line that `weft c++` runs for \p UserArgs (which may
/// hold weft's own --tsan / --no-tsan).
std::vector<std::string> compileCommand(const std::vector<std::string> &UserArgs);

struct ProcessResult {
  bool Started = false;
  /// SIGINT, SIGTERM or SIGHUP that weft received while the program ran and
  /// forwarded to its process group (0: none).
  int Interrupted = 0;
  std::string StartError;
  bool Exited = false;  // exited normally
  int ExitStatus = 0;   // valid when Exited
  int Signal = 0;       // valid when !Exited
  bool TimedOut = false;
  /// Shell-style status: exit status, or 128+signal.
  int shellStatus() const { return Exited ? ExitStatus : 128 + Signal; }
};

struct ProcessOptions {
  std::vector<std::pair<std::string, std::string>> SetEnv;
  std::vector<std::string> UnsetEnv;
  double TimeoutSeconds = 0; // 0: none
  /// Redirect the child's stdout and stderr to this file (empty: inherit).
  std::string OutputFile;
  /// When set (and OutputFile is empty), the child's stderr goes through a
  /// pipe: it is forwarded to our stderr as it comes and its first 64 KiB
  /// are kept here (to recognize, say, TSan refusing to start).
  std::string *CapturedStderr = nullptr;
  /// The child's stdout goes to our stderr (so that our stdout holds only a
  /// machine-readable report).
  bool StdoutToStderr = false;
  /// Run Argv under this command (e.g. a sandbox: `bwrap ... --`).
  std::vector<std::string> Wrapper;
  /// With OutputFile: the child's stderr goes here instead (stdout stays
  /// in OutputFile).
  std::string ErrorFile;
  /// The child's stdin comes from this file (empty: inherited).
  std::string InputFile;
  /// Start the child with an empty environment (then SetEnv).
  bool ClearEnv = false;
};

/// While one exists, SIGINT, SIGTERM and SIGHUP do not kill weft: they are
/// recorded, and runProcess forwards them to the running program's process
/// group (which is not the terminal's: a Ctrl-C reaches weft only), waits for
/// it (SIGKILL after a few seconds, or at a second signal) and returns. The
/// command then reports what the trace holds and exits with 128+signal.
/// Nested guards share one installation; the last one restores the old
/// handlers.
class InterruptGuard {
public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard &) = delete;
  InterruptGuard &operator=(const InterruptGuard &) = delete;
};
/// The signal received under an InterruptGuard (0: none yet).
int interruptSignal();

/// "SIGSEGV" for 11.
std::string signalName(int Sig);

/// Empty if \p Path can be created or overwritten as a regular file (its
/// directory exists and is writable); otherwise why not.
std::string unwritableReason(const std::string &Path);
/// --report DIR: creates DIR (and its parents) if it is absent; "" when it
/// is a directory weft can write in, else why not.
std::string reportDirReason(const std::string &Dir);

/// Runs Argv[0] (searched in PATH) in its own process group and waits. On
/// timeout the whole group gets SIGKILL. Under an InterruptGuard, a signal
/// weft receives is forwarded to the group (ProcessResult::Interrupted).
/// The one process runner of the CLI.
ProcessResult runProcess(const std::vector<std::string> &Argv,
                         const ProcessOptions &Opts);

/// Renders \p R in \p F: text on stderr (colour if stderr is a terminal and
/// NO_COLOR is unset), JSON and SARIF on stdout or into \p OutFile.
/// Returns false if OutFile cannot be written.
bool emitReport(const report::Report &R, report::Format F,
                const std::string &OutFile);

/// A temporary file name that does not exist yet (under $TMPDIR or /tmp).
std::string tempPath(std::string_view Prefix, std::string_view Suffix);

using trace::baseName; // "a/b/c" -> "c"

} // namespace weft::cli

#endif
