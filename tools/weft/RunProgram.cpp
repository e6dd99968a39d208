//===- tools/weft/RunProgram.cpp - run a program and read its trace -------===//
//
// The program runs with its runtime's own report turned off (WEFT_REPORT=
// off); weft then reads the trace the runtime wrote and renders what it
// holds. One source of truth: the trace.
//===----------------------------------------------------------------------===//
#include "RunProgram.h"
#include "TsanRun.h"

#include "report/TraceFindings.h"
#include "trace/Describe.h"
#include "trace/Run.h"
#include "trace/Trace.h"

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <sys/stat.h>

namespace weft::cli {
namespace {

/// How many events of each actor an abnormal end shows.
constexpr size_t LastPerActor = 3;

/// "main thread 'MainThread': lock-acquired Lock ... at x.cpp:12:3" for the
/// last events of each actor; \p Count gets the number of operations.
std::vector<std::string> lastEvents(const trace::Trace &T, uint64_t &Count) {
  Count = 0;
  for (const trace::Event &E : T.Events) {
    const trace::EventInfo *I = trace::eventInfo(E.Kind);
    Count += I && I->Cat == trace::Category::Sync;
  }
  std::vector<std::string> Out;
  for (const auto &[Actor, Last] : trace::lastEventsOfEachActor(T, LastPerActor))
    for (size_t I : Last)
      Out.push_back(T.actorName(Actor) + ": " +
                    trace::eventText(T, T.Events[I]));
  return Out;
}

} // namespace

std::string secondsText(double S) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%g", S);
  return Buf;
}

bool endedAbnormally(const ProcessResult &P) {
  return P.Started && (P.TimedOut || P.Interrupted || !P.Exited);
}

std::string endText(const ProcessResult &P, double Timeout) {
  std::string How =
      P.Exited ? "exited with status " + std::to_string(P.ExitStatus)
               : "was killed by " + signalName(P.Signal) + " (" +
                     strsignal(P.Signal) + ")";
  if (P.TimedOut && P.Exited) // it ended; processes it started did not
    return "exited, but its processes did not finish within " +
           secondsText(Timeout) + " s (--timeout) and were killed by SIGKILL";
  if (P.TimedOut)
    return "did not finish within " + secondsText(Timeout) +
           " s (--timeout) and was killed by " + signalName(P.Signal);
  if (P.Interrupted) {
    std::string Sig = signalName(P.Interrupted);
    std::string Passed = " (weft received it and passed it on)";
    if (!P.Exited && P.Signal == P.Interrupted)
      return "was stopped by " + Sig + Passed;
    if (!P.Exited && P.Signal == SIGKILL)
      return "did not stop after " + Sig + Passed +
             " and was killed by SIGKILL";
    return How + " after " + Sig + Passed;
  }
  return How;
}

void noteAbnormalEnd(const RunOutcome &O, const std::string &Prog,
                     double Timeout) {
  const ProcessResult &P = O.Process;
  if (!endedAbnormally(P))
    return;
  note(Prog + " " + endText(P, Timeout));
  if (!O.HaveTrace) {
    note("it left no trace: " + O.TraceError);
    return;
  }
  std::string Holds = "its trace holds " + std::to_string(O.Events) +
                      " event(s) and " +
                      std::to_string(O.Report.Findings.size()) +
                      " finding(s)";
  if (O.LastEvents.empty()) {
    note(Holds);
    return;
  }
  note(Holds + "; the last events of each thread:");
  for (const std::string &L : O.LastEvents)
    note("  " + L);
}

int interruptedStatus() {
  int Sig = interruptSignal();
  return Sig ? 128 + Sig : 0;
}

RunOutcome runRecorded(
    const std::vector<std::string> &Argv, const std::string &TracePath,
    double Timeout, const std::string &OutputFile,
    const std::vector<std::pair<std::string, std::string>> &ExtraEnv,
    bool StdoutToStderr, const ProcessOptions &Base) {
  RunOutcome O;
  ProcessOptions PO = Base;
  PO.SetEnv.insert(PO.SetEnv.end(), {{"WEFT_TRACE", TracePath}, {"WEFT_REPORT", "off"}});
  PO.SetEnv.insert(PO.SetEnv.end(), ExtraEnv.begin(), ExtraEnv.end());
  PO.TimeoutSeconds = Timeout;
  PO.OutputFile = OutputFile;
  PO.StdoutToStderr = StdoutToStderr;
  for (const std::string &F : trace::runFiles(TracePath)) // processes'
    std::remove(F.c_str());
  struct stat St;
  // A TSan program's stderr is watched for TSan refusing to start.
  bool Tsan = !Argv.empty() && isTsanProgram(Argv[0]);
  if (Tsan) {
    // TSan turns a crash into its own report and exit status 66 (its
    // deadly-signal handler): let the signal end the program, so that the
    // crash is reported as one. The user's TSAN_OPTIONS come after, and win.
    const char *User = std::getenv("TSAN_OPTIONS");
    PO.SetEnv.push_back(
        {"TSAN_OPTIONS", std::string("handle_segv=0:handle_sigbus=0:"
                                     "handle_sigfpe=0:handle_sigill=0") +
                             (User && *User ? std::string(":") + User : "")});
  }
  auto Run = [&](const std::vector<std::string> &Cmd) {
    std::string Captured;
    PO.CapturedStderr = Tsan && OutputFile.empty() ? &Captured : nullptr;
    O.Process = runProcess(Cmd, PO);
    if (Tsan && !OutputFile.empty())
      Captured = readHead(PO.ErrorFile.empty() ? OutputFile : PO.ErrorFile);
    return Tsan && O.Process.Started && !O.Process.TimedOut &&
           !O.Process.Interrupted && stat(TracePath.c_str(), &St) != 0 &&
           tsanRefusedLayout(Captured);
  };
  if (Run(Argv)) {
    note("ThreadSanitizer refused the memory layout (address space layout "
         "randomization); running " + Argv[0] + " again under `setarch -R`");
    Run(withoutAslr(Argv));
  }
  if (!O.Process.Started)
    return O;
  if (stat(TracePath.c_str(), &St) != 0) {
    // The runtime starts (and creates the trace) at the program's first
    // weft call; a program that makes none does not even link it.
    if (!hasWeftRuntime(Argv[0])) {
      O.Missing = NoTrace::NoRuntime;
      O.TraceError = Argv[0] + " contains no weft runtime, so nothing was "
                               "recorded";
      O.TraceHint = "`weft c++` links the runtime only into programs that "
                    "call weft's API; std::thread and pthreads are checked by "
                    "`weft analyze` (and by ThreadSanitizer under `weft c++ "
                    "--tsan`)";
    } else {
      O.Missing = NoTrace::NoCall;
      O.TraceError = Argv[0] + " made no weft call before it ended, so its "
                               "runtime never started and recorded nothing";
    }
    return O;
  }
  trace::Trace T;
  std::string Err;
  // With processes: every process's file of the run, as one timeline.
  std::vector<std::string> Notes;
  if (!trace::readRun(TracePath, T, Err, &Notes)) {
    O.Missing = NoTrace::Unreadable;
    O.TraceError = TracePath + ": " + Err;
    return O;
  }
  O.HaveTrace = true;
  O.Damage = T.Damage;
  O.Report.Tool = "weft run";
  O.Report.Findings = report::findingsInTrace(T);
  std::vector<std::string> Last = lastEvents(T, O.Events);
  if (endedAbnormally(O.Process))
    O.LastEvents = std::move(Last);
  return O;
}

} // namespace weft::cli
