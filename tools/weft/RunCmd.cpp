//===- tools/weft/RunCmd.cpp - `weft run` ---------------------------------===//
//
// Runs a program built with `weft c++` with its runtime's own report turned
// off (WEFT_REPORT=off), then reads the trace the runtime wrote and renders
// the findings recorded in it. One source of truth: the trace.
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "RunProgram.h"

#include "report/TraceFindings.h"
#include "trace/Trace.h"

#include <cstdio>
#include <iostream>
#include <sys/stat.h>

namespace weft::cli {

RunOutcome runRecorded(const std::vector<std::string> &Argv,
                       const std::string &TracePath, double Timeout,
                       const std::string &OutputFile) {
  RunOutcome O;
  ProcessOptions PO;
  PO.SetEnv = {{"WEFT_TRACE", TracePath}, {"WEFT_REPORT", "off"}};
  PO.TimeoutSeconds = Timeout;
  PO.OutputFile = OutputFile;
  std::remove(TracePath.c_str());
  O.Process = runProcess(Argv, PO);
  if (!O.Process.Started)
    return O;
  struct stat St;
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
  std::string TracePath, OutFile;
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

  RunOutcome O = runRecorded(Argv, TracePath, Timeout, "");
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
