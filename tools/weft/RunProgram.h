//===- tools/weft/RunProgram.h - run a program and read its trace ---------===//
//
// What `weft run`, `weft explore`, `weft replay` and `weft check` share: a
// recorded run of a program, what its trace holds, and how to tell the user
// how the run ended (a crash, a kill, a timeout, an interruption) or why
// there is no trace.
//===----------------------------------------------------------------------===//
#ifndef WEFT_TOOLS_RUNPROGRAM_H
#define WEFT_TOOLS_RUNPROGRAM_H

#include "Cli.h"

namespace weft::cli {

/// Why a run left no trace.
enum class NoTrace {
  None,      // there is a trace
  NoRuntime, // the program contains none of weft's runtime
  NoCall,    // it contains the runtime but never started it (no weft call)
  Unreadable // a file is there but is not a readable trace
};

struct RunOutcome {
  ProcessResult Process;
  bool HaveTrace = false;
  NoTrace Missing = NoTrace::None;
  std::string TraceError; // why there is no trace (a sentence)
  std::string TraceHint;  // what to do about it (may be empty)
  std::string Damage;     // trace::Trace::Damage
  report::Report Report;  // findings recorded in the trace
  uint64_t Events = 0;    // synchronization events in the trace
  /// For a run that did not end by itself: the last events of each actor,
  /// one line each ("Thread 'T1': lock-request Lock 'b' at x.cpp:12").
  std::vector<std::string> LastEvents;
};

/// Runs \p Argv with its trace written to \p TracePath and the runtime's own
/// printing off; reads the trace back. \p OutputFile: where the program's
/// stdout and stderr go (empty: inherited). \p ExtraEnv: more variables for
/// the program (e.g. WEFT_TSAN_SUPPRESSIONS). A ThreadSanitizer program
/// that TSan refused to start (address randomization) is run again under
/// `setarch -R` (TsanRun.h). \p StdoutToStderr: see ProcessOptions.
/// \p Base: the rest of the process options (a sandbox Wrapper, stdin,
/// ClearEnv, more SetEnv); the arguments above override its fields.
RunOutcome runRecorded(
    const std::vector<std::string> &Argv, const std::string &TracePath,
    double Timeout, const std::string &OutputFile,
    const std::vector<std::pair<std::string, std::string>> &ExtraEnv = {},
    bool StdoutToStderr = false, const ProcessOptions &Base = {});

/// One run of \p Argv under the controlled scheduler's \p Spec, judged as
/// `weft explore` judges a schedule: it fails with a finding (of \p Rule
/// only, if not empty), a crash, a kill after \p Timeout, or a non-zero exit
/// status (66 with findings of other rules excepted). The program's output
/// goes to \p OutputFile (empty: TracePath + ".out", removed afterwards).
struct ScheduleRun {
  bool Failed = false;
  std::string Why; // "deadlock", "exit status 3", ...
  RunOutcome Out;
};
ScheduleRun runSchedule(const std::vector<std::string> &Argv,
                        const std::string &Spec, const std::string &TracePath,
                        double Timeout, uint64_t MaxSteps,
                        const std::string &Rule,
                        const std::string &OutputFile = "",
                        const ProcessOptions &Base = {});

/// \p Argv as a shell command line (arguments quoted where needed).
std::string quoteArgs(const std::vector<std::string> &Argv);

/// True when the run did not end by itself: killed by a signal (a crash),
/// by --timeout, or stopped because weft was interrupted.
bool endedAbnormally(const ProcessResult &P);

/// One sentence on how \p Prog's run ended when endedAbnormally(): "was
/// killed by SIGSEGV (Segmentation fault)", "did not finish within 2 s
/// (--timeout) and was killed", ...
std::string endText(const ProcessResult &P, double Timeout);

/// Prints (as weft notes on stderr) how the run ended, what its trace
/// holds and the last events of each actor, for an abnormal end.
void noteAbnormalEnd(const RunOutcome &O, const std::string &Prog,
                     double Timeout);

/// A number of seconds as the user wrote it ("2", "0.5").
std::string secondsText(double S);

/// A command's exit status after an interruption (128 + signal), or 0.
int interruptedStatus();

} // namespace weft::cli

#endif
