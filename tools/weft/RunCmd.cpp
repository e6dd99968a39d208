//===- tools/weft/RunCmd.cpp - `weft run` ---------------------------------===//
//
// Runs a program built with `weft c++` with its runtime's own report turned
// off (WEFT_REPORT=off), then reads the trace the runtime wrote and renders
// the findings recorded in it. One source of truth: the trace.
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "RunProgram.h"
#include "TsanRun.h"

#include "report/TraceFindings.h"
#include "runtime/lib/sched/Spec.h"
#include "trace/Trace.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/stat.h>

namespace weft::cli {

RunOutcome runRecorded(
    const std::vector<std::string> &Argv, const std::string &TracePath,
    double Timeout, const std::string &OutputFile,
    const std::vector<std::pair<std::string, std::string>> &ExtraEnv) {
  RunOutcome O;
  ProcessOptions PO;
  PO.SetEnv = {{"WEFT_TRACE", TracePath}, {"WEFT_REPORT", "off"}};
  PO.SetEnv.insert(PO.SetEnv.end(), ExtraEnv.begin(), ExtraEnv.end());
  PO.TimeoutSeconds = Timeout;
  PO.OutputFile = OutputFile;
  std::remove(TracePath.c_str());
  struct stat St;
  // A TSan program's stderr is watched for TSan refusing to start.
  bool Tsan = !Argv.empty() && isTsanProgram(Argv[0]);
  auto Run = [&](const std::vector<std::string> &Cmd) {
    std::string Captured;
    PO.CapturedStderr = Tsan && OutputFile.empty() ? &Captured : nullptr;
    O.Process = runProcess(Cmd, PO);
    if (Tsan && !OutputFile.empty())
      Captured = readHead(OutputFile);
    return Tsan && O.Process.Started && !O.Process.TimedOut &&
           stat(TracePath.c_str(), &St) != 0 && tsanRefusedLayout(Captured);
  };
  if (Run(Argv)) {
    note("ThreadSanitizer refused the memory layout (address space layout "
         "randomization); running " + Argv[0] + " again under `setarch -R`");
    Run(withoutAslr(Argv));
  }
  if (!O.Process.Started)
    return O;
  if (stat(TracePath.c_str(), &St) != 0) {
    O.TraceError = "the program wrote no trace (was it built with `weft c++`?)";
    return O;
  }
  trace::Trace T;
  std::string Err;
  if (!trace::readTrace(TracePath, T, Err)) {
    O.TraceError = Err;
    return O;
  }
  O.HaveTrace = true;
  O.Damage = T.Damage;
  O.Report.Tool = "weft run";
  O.Report.Findings = report::findingsInTrace(T);
  return O;
}

int cmdRun(const Args &A) {
  std::string TracePath, OutFile, Suppressions, Schedule;
  report::Format Fmt = report::Format::Text;
  double Timeout = 0;
  size_t I = 0;
  for (; I < A.size(); ++I) {
    bool Missing = false;
    if (A[I] == "--") {
      ++I;
      break;
    }
    if (auto V = optionValue(A, I, "--trace", Missing)) {
      if (Missing)
        return usageError("run", "--trace needs a file name");
      TracePath = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--format", Missing)) {
      if (Missing)
        return usageError("run", "--format needs a value");
      auto F = report::parseFormat(*V);
      if (!F)
        return usageError("run", "unknown format '" + *V +
                                     "' (expected text, json or sarif)");
      Fmt = *F;
      continue;
    }
    if (auto V = optionValue(A, I, "-o", Missing)) {
      if (Missing)
        return usageError("run", "-o needs a file name");
      OutFile = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--schedule", Missing)) {
      // The controlled scheduler (docs/controlled.md).
      core::sched::ScheduleSpec Spec;
      std::string Expected;
      if (Missing || !core::sched::parseSchedule(*V, Spec, Expected))
        return usageError("run", "--schedule needs " +
                                     (Expected.empty() ? std::string("a value")
                                                       : Expected));
      Schedule = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--suppressions", Missing)) {
      if (Missing)
        return usageError("run", "--suppressions needs a file name");
      struct stat St;
      if (stat(V->c_str(), &St) != 0)
        return usageError("run", "cannot read suppressions file '" + *V + "'");
      char *Abs = realpath(V->c_str(), nullptr);
      Suppressions = Abs ? Abs : *V;
      std::free(Abs);
      continue;
    }
    if (auto V = optionValue(A, I, "--timeout", Missing)) {
      char *End = nullptr;
      Timeout = Missing ? -1 : std::strtod(V->c_str(), &End);
      if (Missing || !End || *End || Timeout <= 0)
        return usageError("run", "--timeout needs a positive number of seconds");
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("run", "unknown option '" + A[I] + "'");
    break;
  }
  if (I >= A.size())
    return usageError("run", "no program given");
  std::vector<std::string> Argv(A.begin() + I, A.end());
  if (Argv[0].find('/') == std::string::npos) {
    struct stat St;
    if (stat(Argv[0].c_str(), &St) == 0)
      Argv[0] = "./" + Argv[0];
  }
  bool KeepTrace = !TracePath.empty();
  if (TracePath.empty())
    TracePath = tempPath("weft-run-", ".wtrace");

  std::vector<std::pair<std::string, std::string>> Env;
  if (!Suppressions.empty())
    Env.push_back({"WEFT_TSAN_SUPPRESSIONS", Suppressions});
  if (!Schedule.empty()) {
    Env.push_back({"WEFT_SCHEDULE", Schedule});
    Argv[0] = absoluteProgram(Argv[0]); // the trace names it for `weft replay`
  }
  RunOutcome O = runRecorded(Argv, TracePath, Timeout, "", Env);
  if (!O.Process.Started) {
    std::cerr << "weft: error: " << O.Process.StartError << "\n";
    return ExitUsage;
  }
  if (O.Process.TimedOut)
    note(Argv[0] + " did not finish within " + std::to_string(Timeout) +
         " s and was killed; reporting what its trace holds");
  if (!O.HaveTrace)
    O.Report.Errors.push_back({Argv[0], O.TraceError});
  else if (!O.Damage.empty() && !O.Process.TimedOut && O.Process.Exited)
    note("trace damaged: " + O.Damage);

  if (!emitReport(O.Report, Fmt, OutFile)) {
    std::cerr << "weft: error: cannot write '" << OutFile << "'\n";
    return ExitUsage;
  }
  if (O.HaveTrace) {
    if (!O.Report.Findings.empty() || KeepTrace)
      note("trace: " + TracePath + " (weft trace show " + TracePath + ")");
    else
      std::remove(TracePath.c_str());
  }
  if (O.Process.TimedOut)
    return 124;
  return O.Process.shellStatus();
}

} // namespace weft::cli
