//===- tools/weft/RunCmd.cpp - `weft run` ---------------------------------===//
//
// Runs a program built with `weft c++` (runRecorded, RunProgram.h) and
// renders the findings recorded in its trace. A run that does not end by
// itself (a crash, --timeout, Ctrl-C) is always reported, with its trace
// kept.
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "RunProgram.h"
#include "trace/Run.h"

#include "runtime/lib/sched/Spec.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/stat.h>

namespace weft::cli {

int cmdRun(const Args &A) {
  std::string TracePath, OutFile, Suppressions, Schedule, ReportDir;
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
    if (auto V = optionValue(A, I, "--report", Missing)) {
      if (Missing)
        return usageError("run", "--report needs a directory");
      ReportDir = *V;
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
      if (Missing || !parseSeconds(*V, Timeout))
        return usageError("run", TimeoutNeeds);
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
  if (KeepTrace) {
    // Checked before the run: a trace the program cannot create would lose
    // its findings.
    std::string Why = unwritableReason(TracePath);
    if (!Why.empty())
      return usageError("run", "cannot write the trace " + TracePath + ": " +
                                   Why);
  } else {
    TracePath = tempPath("weft-run-", ".wtrace");
  }
  if (!OutFile.empty()) {
    std::string Why = unwritableReason(OutFile);
    if (!Why.empty())
      return usageError("run", "cannot write " + OutFile + ": " + Why);
  }

  if (!ReportDir.empty()) {
    // Checked (and created) before the run, as the trace is.
    std::string Why = reportDirReason(ReportDir);
    if (!Why.empty())
      return usageError("run", "cannot write the report in " + ReportDir +
                                   ": " + Why);
  }

  std::vector<std::pair<std::string, std::string>> Env;
  if (!Suppressions.empty())
    Env.push_back({"WEFT_TSAN_SUPPRESSIONS", Suppressions});
  if (!Schedule.empty()) {
    Env.push_back({"WEFT_SCHEDULE", Schedule});
    Argv[0] = absoluteProgram(Argv[0]); // the trace names it for `weft replay`
  }
  // JSON and SARIF on stdout must parse on their own: the program's stdout
  // goes to stderr then.
  bool Machine = Fmt != report::Format::Text && OutFile.empty();
  InterruptGuard Guard;
  RunOutcome O = runRecorded(Argv, TracePath, Timeout, "", Env, Machine);
  if (!O.Process.Started) {
    std::cerr << "weft: error: " << O.Process.StartError << "\n";
    return O.Process.Interrupted ? interruptedStatus() : ExitUsage;
  }
  if (O.Missing == NoTrace::NoRuntime || O.Missing == NoTrace::Unreadable) {
    // Nothing could be checked: an input error, whatever the program's own
    // status (which is named).
    std::cerr << "weft: error: " << O.TraceError << "\n";
    if (!O.TraceHint.empty())
      note(O.TraceHint);
    note(Argv[0] + " " + endText(O.Process, Timeout));
    return O.Process.Interrupted ? interruptedStatus() : ExitUsage;
  }
  if (O.Missing == NoTrace::NoCall)
    note(O.TraceError);
  bool Abnormal = endedAbnormally(O.Process);
  if (O.HaveTrace && !O.Damage.empty() && !Abnormal)
    note("trace damaged: " + O.Damage);

  if (!emitReport(O.Report, Fmt, OutFile)) {
    std::cerr << "weft: error: cannot write '" << OutFile << "'\n";
    return ExitUsage;
  }
  noteAbnormalEnd(O, Argv[0], Timeout);
  if (O.HaveTrace) {
    bool Worth = !O.Report.Findings.empty() || Abnormal;
    if (Worth || KeepTrace)
      note("trace: " + TracePath + " (weft trace show " + TracePath + ")");
    else
      for (const std::string &F : trace::runFiles(TracePath)) // processes'
        std::remove(F.c_str());
    // The pictures of a run that found something (docs/pictures.md).
    // A report that cannot be written is said (writeRunPictures); the
    // findings were printed and the status stays theirs.
    if (Worth && !ReportDir.empty())
      writeRunPictures(TracePath, ReportDir);
  }
  if (O.Process.Interrupted)
    return interruptedStatus();
  if (O.Process.TimedOut)
    return 124;
  return O.Process.shellStatus();
}

} // namespace weft::cli
