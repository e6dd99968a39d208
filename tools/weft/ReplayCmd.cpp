//===- tools/weft/ReplayCmd.cpp - `weft replay` ---------------------------===//
//
// Re-executes the program named in a controlled run's trace header with
// WEFT_SCHEDULE=replay:TRACE. The runtime follows the recorded choices and
// compares every event with the recorded one; at the first difference it
// prints the expected and the actual operation with their call sites and
// exits with status 67 (core::DivergedExit). Otherwise the findings of the
// new trace are rendered as `weft run` does and compared with the recorded
// ones.
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "RunProgram.h"

#include "report/TraceFindings.h"
#include "trace/Trace.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

namespace weft::cli {
namespace {

constexpr int DivergedExit = 67; // runtime/lib/sched/ControlledKernel.h

std::vector<std::string> splitProgram(const std::string &S) {
  std::vector<std::string> Out;
  std::istringstream In(S);
  std::string W;
  while (In >> W)
    Out.push_back(W);
  return Out;
}

std::string findingKey(const report::Finding &F) {
  return std::string(report::ruleInfo(F.Rule).Id) + " " + F.Loc.File + ":" +
         std::to_string(F.Loc.Line) + " " + F.Message;
}

} // namespace

int cmdReplay(const Args &A) {
  std::string Recorded, TracePath;
  bool Step = false;
  double Timeout = 0;
  report::Format Fmt = report::Format::Text;
  for (size_t I = 0; I < A.size(); ++I) {
    bool Missing = false;
    if (A[I] == "--step") {
      Step = true;
      continue;
    }
    if (auto V = optionValue(A, I, "--trace", Missing)) {
      if (Missing)
        return usageError("replay", "--trace needs a file name");
      std::string Why = unwritableReason(*V);
      if (!Why.empty())
        return usageError("replay",
                          "cannot write the trace " + *V + ": " + Why);
      TracePath = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--format", Missing)) {
      auto F = Missing ? std::nullopt : report::parseFormat(*V);
      if (!F)
        return usageError("replay", "--format needs text, json or sarif");
      Fmt = *F;
      continue;
    }
    if (auto V = optionValue(A, I, "--timeout", Missing)) {
      if (Missing || !parseSeconds(*V, Timeout))
        return usageError("replay", TimeoutNeeds);
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("replay", "unknown option '" + A[I] + "'");
    if (!Recorded.empty())
      return usageError("replay", "one trace at a time");
    Recorded = A[I];
  }
  if (Recorded.empty())
    return usageError("replay", "no trace given");

  trace::Trace Old;
  std::string Err;
  if (!trace::readTrace(Recorded, Old, Err)) {
    std::cerr << "weft: error: " << Recorded << ": " << Err << "\n";
    return ExitUsage;
  }
  if (!Old.Damage.empty()) {
    // The schedule is read from the trace: a damaged one would make the
    // program look as if it diverged.
    std::cerr << "weft: error: " << Recorded << " is damaged (" << Old.Damage
              << "), so its schedule cannot be replayed; `weft trace show "
              << Recorded << "` shows the events before the damage\n";
    return ExitUsage;
  }
  if (Old.Header.RunMode != static_cast<uint8_t>(trace::Mode::Controlled)) {
    std::cerr << "weft: error: " << Recorded
              << " records a native run; only a controlled run (`weft run "
                 "--schedule=...`, `weft explore`) can be replayed\n";
    return ExitUsage;
  }
  std::string Program(Old.Header.Program,
                      strnlen(Old.Header.Program, sizeof Old.Header.Program));
  std::vector<std::string> Argv = splitProgram(Program);
  struct stat St;
  if (Argv.empty() || stat(Argv[0].c_str(), &St) != 0) {
    std::cerr << "weft: error: the program of " << Recorded << " ('"
              << (Argv.empty() ? "" : Argv[0]) << "') does not exist\n";
    return ExitUsage;
  }
  bool Keep = !TracePath.empty();
  if (TracePath.empty())
    TracePath = tempPath("weft-replay-", ".wtrace");
  std::string Abs = absoluteProgram(Recorded);
  std::vector<std::pair<std::string, std::string>> Env{
      {"WEFT_SCHEDULE", "replay:" + Abs}, {"WEFT_EXITCODE", "66"}};
  if (Step)
    Env.push_back({"WEFT_STEP", "1"});
  InterruptGuard Guard;
  RunOutcome O = runRecorded(Argv, TracePath, Timeout, "", Env,
                             Fmt != report::Format::Text);
  if (!O.Process.Started) {
    std::cerr << "weft: error: " << O.Process.StartError << "\n";
    return O.Process.Interrupted ? interruptedStatus() : ExitUsage;
  }
  if (O.Process.Exited && O.Process.ExitStatus == DivergedExit) {
    note("the replay of " + Recorded + " diverged (see above); trace of the "
         "replay: " + TracePath);
    return ExitFindings;
  }
  if (!O.HaveTrace)
    O.Report.Errors.push_back({Argv[0], O.TraceError});
  O.Report.Tool = "weft replay";
  emitReport(O.Report, Fmt, "");

  // The same findings as the recording?
  std::vector<report::Finding> Before = report::findingsInTrace(Old);
  std::vector<std::string> KB, KA;
  for (const report::Finding &F : Before)
    KB.push_back(findingKey(F));
  for (const report::Finding &F : O.Report.Findings)
    KA.push_back(findingKey(F));
  noteAbnormalEnd(O, Argv[0], Timeout);
  bool Abnormal = endedAbnormally(O.Process);
  if (O.HaveTrace && !O.Process.Interrupted && !O.Process.TimedOut) {
    if (KB == KA)
      note("replay reproduced " + Recorded + ": " +
           std::to_string(KA.size()) + " finding(s), the same as recorded");
    else
      note("warning: the replay's findings differ from those recorded in " +
           Recorded);
  }
  if (O.HaveTrace) {
    if (Keep || Abnormal)
      note("trace of the replay: " + TracePath);
    else
      std::remove(TracePath.c_str());
  }
  if (O.Process.Interrupted)
    return interruptedStatus();
  if (O.Process.TimedOut)
    return 124;
  return O.Process.shellStatus();
}

} // namespace weft::cli
