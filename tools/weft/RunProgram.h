//===- tools/weft/RunProgram.h - run a program and read its trace ---------===//
#ifndef WEFT_TOOLS_RUNPROGRAM_H
#define WEFT_TOOLS_RUNPROGRAM_H

#include "Cli.h"

namespace weft::cli {

struct RunOutcome {
  ProcessResult Process;
  bool HaveTrace = false;
  std::string TraceError; // why there is no trace
  std::string Damage;     // trace::Trace::Damage
  report::Report Report;  // findings recorded in the trace
};

/// Runs \p Argv with its trace written to \p TracePath and the runtime's own
/// printing off; reads the trace back. \p OutputFile: where the program's
/// stdout and stderr go (empty: inherited). \p ExtraEnv: more variables for
/// the program (e.g. WEFT_TSAN_SUPPRESSIONS). A ThreadSanitizer program
/// that TSan refused to start (address randomization) is run again under
/// `setarch -R` (TsanRun.h).
RunOutcome runRecorded(
    const std::vector<std::string> &Argv, const std::string &TracePath,
    double Timeout, const std::string &OutputFile,
    const std::vector<std::pair<std::string, std::string>> &ExtraEnv = {});

} // namespace weft::cli

#endif
