//===- tools/weft/ExploreCmd.cpp - `weft explore` -------------------------===//
//
// Runs a program under many controlled schedules (WEFT_SCHEDULE with seed
// S+i for schedule i) and stops at the first failing one: a finding (of
// --rule only, if given), a crash, a non-zero exit status, a run that
// exceeds --max-steps, or one killed after --timeout. The failing
// schedule's trace is kept and the commands that replay it are printed.
//
// With --jobs J, J runs go at once; the result is still the failing
// schedule with the smallest index, so it does not depend on timing.
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "RunProgram.h"
#include "grade/Grader.h"

#include "runtime/lib/sched/Spec.h"
#include "trace/Trace.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace weft::cli {

std::string absoluteProgram(const std::string &Prog) {
  struct stat St;
  if (Prog.empty() || Prog[0] == '/' || stat(Prog.c_str(), &St) != 0)
    return Prog;
  char *Abs = realpath(Prog.c_str(), nullptr);
  std::string R = Abs ? Abs : Prog;
  std::free(Abs);
  return R;
}

namespace {

struct Options {
  uint64_t Runs = 1000;
  std::string Strategy = "random";
  unsigned Depth = 0; // pct
  uint64_t Seed = 1;
  unsigned Jobs = 1;
  std::string Rule;
  uint64_t MaxSteps = 100000;
  double Timeout = 60;
  std::string TraceOut;
  std::string ReportDir; // --report: the pictures of the failing schedule
  bool CheckDeterminism = false;
  unsigned ShardI = 0, ShardN = 0; // --shard I/N
  uint64_t Lo = 0, Hi = 0;         // this shard's schedules: [Lo, Hi)
  std::vector<std::string> Argv;
};

/// The outcome of one schedule.
struct RunResult {
  bool Failed = false;
  std::string Why;   // "deadlock", "exit status 3", ...
  std::string Trace; // its trace file
  RunOutcome Out;
  uint64_t Steps = 0;
};

std::string specFor(const Options &O, uint64_t Seed, uint64_t Length) {
  if (O.Strategy == "pct")
    return "pct:" + std::to_string(O.Depth) + ":" + std::to_string(Seed) +
           ":" + std::to_string(Length);
  if (O.Strategy == "rr")
    return "rr";
  return "random:" + std::to_string(Seed);
}

/// One line per Sync event: everything but the file's own layout.
std::vector<std::string> eventLines(const trace::Trace &T) {
  std::vector<std::string> Out;
  for (const trace::Event &E : T.Events) {
    const trace::EventInfo *I = trace::eventInfo(E.Kind);
    if (!I || I->Cat != trace::Category::Sync)
      continue;
    std::string Site;
    if (const trace::SiteInfo *S = T.site(E.Site))
      Site = S->File + ":" + std::to_string(S->Line) + ":" +
             std::to_string(S->Column);
    Out.push_back(T.actorName(E.Actor) + " " + std::string(I->Name) + " " +
                  std::to_string(E.Object) + " flags " +
                  std::to_string(E.Flags) + " t=" + std::to_string(E.TimeUs) +
                  (Site.empty() ? "" : " at " + Site));
  }
  return Out;
}

uint64_t countSteps(const std::string &TracePath) {
  trace::Trace T;
  std::string Err;
  if (!trace::readTrace(TracePath, T, Err))
    return 0;
  return eventLines(T).size();
}

RunResult runOne(const Options &O, const std::string &Spec,
                 const std::string &TracePath) {
  RunResult R;
  R.Trace = TracePath;
  ScheduleRun S =
      runSchedule(O.Argv, Spec, TracePath, O.Timeout, O.MaxSteps, O.Rule);
  R.Failed = S.Failed;
  R.Why = std::move(S.Why);
  R.Out = std::move(S.Out);
  return R;
}

/// Compares two runs of one schedule; empty when they agree.
std::string compareRuns(const std::string &A, const std::string &B) {
  trace::Trace TA, TB;
  std::string Err;
  if (!trace::readTrace(A, TA, Err) || !trace::readTrace(B, TB, Err))
    return "a trace could not be read: " + Err;
  std::vector<std::string> EA = eventLines(TA), EB = eventLines(TB);
  size_t N = std::min(EA.size(), EB.size());
  for (size_t I = 0; I < N; ++I)
    if (EA[I] != EB[I])
      return "event " + std::to_string(I + 1) + " differs:\n  first run:  " +
             EA[I] + "\n  second run: " + EB[I];
  if (EA.size() != EB.size())
    return "the first run has " + std::to_string(EA.size()) +
           " events, the second " + std::to_string(EB.size());
  return "";
}

class Progress {
public:
  explicit Progress(uint64_t Total)
      : Total(Total), On(isatty(2) && !std::getenv("CI")) {}
  void update(uint64_t Done) {
    if (!On)
      return;
    constexpr int Width = 30;
    int Filled = static_cast<int>(Width * Done / (Total ? Total : 1));
    std::string Bar(static_cast<size_t>(Filled), '#');
    Bar.resize(Width, '.');
    std::fprintf(stderr, "\rweft: explore [%s] %llu/%llu schedules", Bar.c_str(),
                 static_cast<unsigned long long>(Done),
                 static_cast<unsigned long long>(Total));
    std::fflush(stderr);
  }
  void clear() {
    if (On)
      std::fprintf(stderr, "\r%70s\r", "");
  }

private:
  uint64_t Total;
  bool On;
};

int parse(const Args &A, Options &O) {
  size_t I = 0;
  auto Number = [&](const std::string &Name, const std::string &V,
                    uint64_t &Out) {
    if (!core::sched::parseUnsigned(V, Out))
      return usageError("explore", Name + " needs a non-negative integer");
    return 0;
  };
  for (; I < A.size(); ++I) {
    bool Missing = false;
    if (A[I] == "--") {
      ++I;
      break;
    }
    if (A[I] == "--check-determinism") {
      O.CheckDeterminism = true;
      continue;
    }
    if (auto V = optionValue(A, I, "--runs", Missing)) {
      // One message for 0, -5 and garbage.
      if (Missing || !core::sched::parseUnsigned(*V, O.Runs) || O.Runs == 0)
        return usageError("explore", "--runs needs a positive integer");
      continue;
    }
    if (auto V = optionValue(A, I, "--seed", Missing)) {
      if (Missing)
        return usageError("explore", "--seed needs a value");
      if (int E = Number("--seed", *V, O.Seed))
        return E;
      continue;
    }
    if (auto V = optionValue(A, I, "--jobs", Missing)) {
      uint64_t J = 0;
      if (Missing || !core::sched::parseUnsigned(*V, J) || J == 0 || J > 256)
        return usageError("explore", "--jobs needs an integer from 1 to 256");
      O.Jobs = static_cast<unsigned>(J);
      continue;
    }
    if (auto V = optionValue(A, I, "--shard", Missing)) {
      if (Missing || !grade::parseShard(*V, O.ShardI, O.ShardN))
        return usageError("explore", "--shard needs I/N with 1 <= I <= N "
                                     "(e.g. --shard 2/3)");
      continue;
    }
    if (auto V = optionValue(A, I, "--max-steps", Missing)) {
      if (Missing)
        return usageError("explore", "--max-steps needs a value");
      if (int E = Number("--max-steps", *V, O.MaxSteps))
        return E;
      continue;
    }
    if (auto V = optionValue(A, I, "--timeout", Missing)) {
      if (Missing || !parseSeconds(*V, O.Timeout))
        return usageError("explore", TimeoutNeeds);
      continue;
    }
    if (auto V = optionValue(A, I, "--rule", Missing)) {
      std::string RuleError = "--rule needs a rule id (e.g. deadlock)";
      if (Missing || !report::lookupRule(*V, RuleError))
        return usageError("explore", RuleError);
      O.Rule = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--trace", Missing)) {
      if (Missing)
        return usageError("explore", "--trace needs a file name");
      std::string Why = unwritableReason(*V);
      if (!Why.empty())
        return usageError("explore",
                          "cannot write the trace " + *V + ": " + Why);
      O.TraceOut = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--report", Missing)) {
      if (Missing)
        return usageError("explore", "--report needs a directory");
      std::string Why = reportDirReason(*V);
      if (!Why.empty())
        return usageError("explore",
                          "cannot write the report in " + *V + ": " + Why);
      O.ReportDir = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--strategy", Missing)) {
      uint64_t D = 0;
      if (!Missing && (*V == "random" || *V == "rr")) {
        O.Strategy = *V;
      } else if (!Missing && V->rfind("pct:", 0) == 0 &&
                 core::sched::parseUnsigned(V->substr(4), D) && D >= 1 &&
                 D <= 64) {
        O.Strategy = "pct";
        O.Depth = static_cast<unsigned>(D);
      } else {
        return usageError("explore",
                          "--strategy needs random, pct:DEPTH (1-64) or rr");
      }
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("explore", "unknown option '" + A[I] + "'");
    break;
  }
  if (I >= A.size())
    return usageError("explore", "no program given");
  O.Argv.assign(A.begin() + static_cast<long>(I), A.end());
  O.Argv[0] = absoluteProgram(O.Argv[0]);
  if (O.Strategy == "rr")
    O.Runs = 1; // one schedule only
  O.Hi = O.Runs;
  if (O.ShardN) { // a contiguous slice: seeds S+Lo .. S+Hi-1
    O.Lo = O.Runs * (O.ShardI - 1) / O.ShardN;
    O.Hi = O.Runs * O.ShardI / O.ShardN;
  }
  return 0;
}

} // namespace

ScheduleRun runSchedule(const std::vector<std::string> &Argv,
                        const std::string &Spec, const std::string &TracePath,
                        double Timeout, uint64_t MaxSteps,
                        const std::string &Rule, const std::string &OutputFile,
                        const ProcessOptions &Base) {
  ScheduleRun R;
  std::string Output = OutputFile.empty() ? TracePath + ".out" : OutputFile;
  R.Out = runRecorded(Argv, TracePath, Timeout, Output,
                      {{"WEFT_SCHEDULE", Spec},
                       {"WEFT_EXITCODE", "66"},
                       {"WEFT_MAX_STEPS", std::to_string(MaxSteps)}},
                      false, Base);
  std::string Tail;
  {
    std::ifstream In(Base.ErrorFile.empty() ? Output : Base.ErrorFile);
    std::string Line;
    while (std::getline(In, Line))
      if (Line.rfind("weft: error: ", 0) == 0)
        Tail = Line.substr(13);
  }
  if (OutputFile.empty())
    std::remove(Output.c_str());
  const ProcessResult &P = R.Out.Process;
  if (!P.Started || P.Interrupted)
    return R; // not a result: weft is stopping
  bool Matching = false, Other = false;
  for (const report::Finding &F : R.Out.Report.Findings) {
    std::string Id(report::ruleInfo(F.Rule).Id);
    if (Rule.empty() || Id == Rule) {
      if (!Matching)
        R.Why = Id;
      Matching = true;
    } else {
      Other = true;
    }
  }
  if (Matching) {
    R.Failed = true;
  } else if (P.TimedOut || !P.Exited) {
    R.Failed = true;
    R.Why = P.TimedOut ? "killed after " + secondsText(Timeout) +
                             " s (--timeout)"
                       : "crashed (" + signalName(P.Signal) + ")";
  } else if (P.ExitStatus != 0 && !(Other && P.ExitStatus == 66)) {
    R.Failed = true;
    R.Why = Tail.empty() ? "exit status " + std::to_string(P.ExitStatus)
                         : Tail;
  }
  return R;
}

std::string quoteArgs(const std::vector<std::string> &Argv) {
  std::string S;
  for (const std::string &A : Argv) {
    bool Plain = !A.empty() && A.find_first_of(" \t'\"\\$`*?") == std::string::npos;
    S += (S.empty() ? "" : " ") + (Plain ? A : "'" + A + "'");
  }
  return S;
}

int cmdExplore(const Args &A) {
  Options O;
  if (int E = parse(A, O))
    return E;
  uint64_t Length = core::sched::DefaultPctLength;
  std::string Base = tempPath("weft-explore-", "");
  auto TraceOf = [&](uint64_t Index, int Copy) {
    return Base + "-" + std::to_string(Index) + (Copy ? "b" : "") + ".wtrace";
  };

  std::mutex Mu;
  uint64_t FailIndex = UINT64_MAX;
  RunResult Failure;
  std::string FailSpec;
  std::atomic<uint64_t> Next{0}, Done{0};
  std::atomic<bool> StartFailed{false};
  std::string StartError;
  InterruptGuard Guard;
  Progress Bar(O.Hi - O.Lo);

  auto Work = [&](uint64_t Index) {
    std::string Spec = specFor(O, O.Seed + Index, Length);
    RunResult R = runOne(O, Spec, TraceOf(Index, 0));
    if (R.Out.Process.Interrupted || interruptSignal()) {
      std::remove(R.Trace.c_str());
      return; // weft is stopping; this run tells nothing
    }
    bool NoProgram = !R.Out.Process.Started;
    // Without a runtime (or a weft call) there is nothing to schedule: no
    // schedule can fail or be replayed.
    bool NoRuntime = !R.Failed && (R.Out.Missing == NoTrace::NoRuntime ||
                                   R.Out.Missing == NoTrace::NoCall);
    if (NoProgram || NoRuntime) {
      std::lock_guard<std::mutex> G(Mu);
      StartFailed = true;
      StartError = NoProgram ? R.Out.Process.StartError
                             : R.Out.TraceError + "; there is nothing to "
                                                  "explore";
      return;
    }
    if (!R.Failed && !R.Out.HaveTrace) {
      R.Failed = true;
      R.Why = R.Out.TraceError;
    }
    if (!R.Failed && O.CheckDeterminism) {
      RunResult Again = runOne(O, Spec, TraceOf(Index, 1));
      std::string Diff = compareRuns(R.Trace, Again.Trace);
      if (Diff.empty() && Again.Out.Process.shellStatus() !=
                              R.Out.Process.shellStatus())
        Diff = "the exit statuses differ";
      std::remove(Again.Trace.c_str());
      if (!Diff.empty()) {
        R.Failed = true;
        R.Why = "not deterministic: " + Diff;
      }
    }
    if (Index == 0 && O.Strategy == "pct")
      Length = std::max<uint64_t>(countSteps(R.Trace), 1);
    std::lock_guard<std::mutex> G(Mu);
    if (R.Failed && Index < FailIndex) {
      if (FailIndex != UINT64_MAX)
        std::remove(Failure.Trace.c_str());
      FailIndex = Index;
      Failure = R;
      FailSpec = Spec;
    } else {
      std::remove(R.Trace.c_str());
    }
    Bar.update(++Done);
  };

  std::string Prog = baseName(O.Argv[0]);
  std::string Shard = O.ShardN ? " (shard " + std::to_string(O.ShardI) + "/" +
                                     std::to_string(O.ShardN) + ")"
                               : "";
  if (O.Lo == O.Hi) {
    note("no schedule of " + Prog + " falls in this shard" + Shard);
    return ExitClean;
  }
  // PCT's run length k comes from the first run, so it runs alone (a later
  // shard runs it too, to measure the same k, and drops it).
  uint64_t First = O.Lo;
  if (O.Strategy == "pct" && O.Lo == 0) {
    Work(0);
    First = 1;
  } else if (O.Strategy == "pct") {
    RunResult M = runOne(O, specFor(O, O.Seed, Length), TraceOf(0, 0));
    Length = std::max<uint64_t>(countSteps(M.Trace), 1);
    std::remove(M.Trace.c_str());
  }
  Next = First;
  std::vector<std::thread> Workers;
  for (unsigned J = 0; J < O.Jobs; ++J)
    Workers.emplace_back([&] {
      for (;;) {
        uint64_t I = Next.fetch_add(1);
        {
          std::lock_guard<std::mutex> G(Mu);
          if (I >= O.Hi || I > FailIndex || StartFailed || interruptSignal())
            return;
        }
        Work(I);
      }
    });
  for (std::thread &T : Workers)
    T.join();
  Bar.clear();

  if (StartFailed) {
    std::cerr << "weft: error: " << StartError << "\n";
    return ExitUsage;
  }
  if (int Sig = interruptSignal()) {
    // Ctrl-C: the running schedules were stopped and are not results.
    note("interrupted by " + signalName(Sig) + " after " +
         std::to_string(Done.load()) + " of " + std::to_string(O.Hi - O.Lo) +
         " schedule(s) of " + Prog + Shard);
    if (FailIndex == UINT64_MAX) {
      note("no failing schedule among them");
      return interruptedStatus();
    }
  }
  if (FailIndex == UINT64_MAX) {
    note("no failing schedule in " + std::to_string(O.Hi - O.Lo) +
         " run(s) of " +
         Prog + " (" + (O.Strategy == "pct" ? "pct:" + std::to_string(O.Depth)
                                            : O.Strategy) +
         (O.Strategy == "rr" ? "" : ", seeds " + std::to_string(O.Seed + O.Lo) +
                                        ".." +
                                        std::to_string(O.Seed + O.Hi - 1)) +
         ")" + Shard);
    return ExitClean;
  }
  note("schedule " + std::to_string(FailIndex + 1) + " of " +
       std::to_string(O.Runs) + " (" + FailSpec + ") fails: " + Failure.Why);
  if (!Failure.Out.Report.Findings.empty())
    emitReport(Failure.Out.Report, report::Format::Text, "");
  noteAbnormalEnd(Failure.Out, Prog, O.Timeout);
  std::string Again =
      "weft run --schedule=" + FailSpec + " " + quoteArgs(O.Argv);
  if (!Failure.Out.HaveTrace) {
    // Nothing to replay (the program ended before its runtime started).
    note("run it again: " + Again);
    return interruptedStatus() ? interruptedStatus() : ExitFindings;
  }
  std::string Kept = O.TraceOut.empty()
                         ? tempPath("weft-explore-" + Prog + "-", ".wtrace")
                         : O.TraceOut;
  if (std::rename(Failure.Trace.c_str(), Kept.c_str()) != 0) {
    std::ifstream In(Failure.Trace, std::ios::binary);
    std::ofstream Out(Kept, std::ios::binary);
    Out << In.rdbuf();
    std::remove(Failure.Trace.c_str());
  }
  note("trace: " + Kept);
  note("replay it: weft replay " + Kept);
  note("or run it again: " + Again);
  if (!O.ReportDir.empty())
    writeRunPictures(Kept, O.ReportDir); // says so if it cannot
  return interruptedStatus() ? interruptedStatus() : ExitFindings;
}

} // namespace weft::cli
