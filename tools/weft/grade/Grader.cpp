//===- tools/weft/grade/Grader.cpp - build, analyze, run, classify --------===//
#include "grade/Grader.h"

#include "RunProgram.h"

#include "pictures/Html.h"
#include "report/Render.h"
#include "report/TraceFindings.h"
#include "trace/Trace.h"

#include <algorithm>
#include <array>
#include <csignal>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits.h>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

namespace weft::cli::grade {
namespace fs = std::filesystem;
namespace {

/// How much of a program's output the feedback quotes.
constexpr size_t Quote = 1500;

std::string readFile(const std::string &Path, size_t Max = SIZE_MAX) {
  std::ifstream In(Path, std::ios::binary);
  std::string S;
  if (!In)
    return S;
  S.resize(std::min<size_t>(Max, 1 << 20));
  In.read(S.data(), static_cast<std::streamsize>(S.size()));
  S.resize(static_cast<size_t>(In.gcount()));
  return S;
}

uint64_t fileSize(const std::string &Path) {
  std::error_code EC;
  uint64_t N = fs::file_size(Path, EC);
  return EC ? 0 : N;
}

std::string quoted(const std::string &S) {
  std::string Out = S.size() > Quote ? S.substr(0, Quote) + "\n[... cut]" : S;
  if (Out.empty())
    return "    (nothing)\n";
  std::string R;
  std::istringstream In(Out);
  for (std::string L; std::getline(In, L);)
    R += "    " + (L.size() > 200 ? L.substr(0, 200) + " [... cut]" : L) + "\n";
  return R;
}

/// "%0A" and friends of GitHub's workflow commands.
std::string ghUnescape(const std::string &S) {
  std::string R;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '%' && I + 2 < S.size()) {
      std::string Hex = S.substr(I + 1, 2);
      char C = Hex == "0A" ? '\n' : Hex == "0D" ? '\r' : Hex == "25" ? '%'
             : Hex == "3A" ? ':' : Hex == "2C" ? ',' : 0;
      if (C) {
        R += C;
        I += 2;
        continue;
      }
    }
    R += S[I];
  }
  return R;
}

/// The analyzer's findings from its --format=github output.
std::vector<FindingItem> parseAnalysis(const std::string &Text) {
  std::vector<FindingItem> Out;
  std::istringstream In(Text);
  for (std::string L; std::getline(In, L);) {
    if (L.rfind("::warning ", 0) != 0 && L.rfind("::error ", 0) != 0 &&
        L.rfind("::notice ", 0) != 0)
      continue;
    size_t Props = L.find(' ') + 1, End = L.find("::", Props);
    if (End == std::string::npos)
      continue;
    FindingItem F;
    F.Origin = "static";
    std::string P = L.substr(Props, End - Props);
    std::istringstream PS(P);
    for (std::string KV; std::getline(PS, KV, ',');) {
      size_t Eq = KV.find('=');
      std::string K = KV.substr(0, Eq), V = ghUnescape(KV.substr(Eq + 1));
      if (K == "file")
        F.File = V;
      else if (K == "line")
        F.Line = static_cast<unsigned>(std::stoul(V));
      else if (K == "title" && V.rfind("weft [", 0) == 0)
        F.Rule = V.substr(6, V.size() - 7);
    }
    std::string Msg = ghUnescape(L.substr(End + 2));
    F.Message = Msg.substr(0, Msg.find('\n'));
    if (!F.Rule.empty())
      Out.push_back(F);
  }
  return Out;
}

/// One run's verdict.
struct Verdict {
  bool Pass = true;
  std::string Kind; // failed, timed out, crashed
  std::string Reason;
  std::string Stdout, Stderr;
};

struct TestRun {
  const Spec &S;
  const TestSpec &T;
  const Limits &L;
  bool Sandboxed;

  bool matches(const std::string &Out) const {
    if (!T.Regex)
      return Out == T.Expected;
    try {
      return std::regex_search(Out, std::regex(T.Expected,
                                               std::regex::ECMAScript));
    } catch (const std::regex_error &) {
      return false; // refused when the spec is read
    }
  }

  Verdict judge(const RunOutcome &O, const std::string &Why,
                const std::string &OutFile, const std::string &ErrFile) const {
    Verdict V;
    V.Stdout = readFile(OutFile, L.OutputKB * 1024 + 1);
    V.Stderr = readFile(ErrFile, 64 * 1024);
    ProcessResult P = O.Process;
    sandboxStatus(P, Sandboxed);
    auto Fail = [&](std::string Kind, std::string Reason) {
      V.Pass = false;
      V.Kind = std::move(Kind);
      V.Reason = std::move(Reason);
      return V;
    };
    if (!P.Started)
      return Fail("crashed", "could not be started: " + P.StartError);
    std::string Limit = limitReason(P, L, V.Stderr);
    if (!Limit.empty())
      return Fail(P.Signal == SIGXCPU && !P.Exited ? "timed out"
                  : P.Signal == SIGXFSZ && !P.Exited ? "failed" : "crashed",
                  Limit);
    if (P.TimedOut)
      return Fail("timed out", "did not finish within " +
                                   secondsText(T.Timeout) + " s");
    if (!P.Exited)
      return Fail("crashed", "was killed by " + signalName(P.Signal));
    bool Other = false;
    for (const report::Finding &F : O.Report.Findings) {
      if (F.Rule == report::RuleId::Deadlock)
        return Fail("failed", "deadlocked: " +
                                  F.Message.substr(0, F.Message.find('\n')));
      Other = true;
    }
    if (fileSize(OutFile) + fileSize(ErrFile) > L.OutputKB * 1024)
      return Fail("failed", "wrote more than " + std::to_string(L.OutputKB) +
                                " KB of output (limit output_kb)");
    if (P.ExitStatus != 0 && !(Other && P.ExitStatus == 66))
      return Fail("failed", Why.empty() || Why.rfind("exit status", 0) == 0
                                ? "exited with status " +
                                      std::to_string(P.ExitStatus)
                                : Why);
    if (!matches(V.Stdout))
      return Fail("failed", "wrong output");
    return V;
  }
};

void addFindings(SubmissionResult &R, const RunOutcome &O,
                 const std::string &Src, const std::string &Where) {
  for (const report::Finding &F : O.Report.Findings) {
    FindingItem I;
    I.Rule = std::string(report::ruleInfo(F.Rule).Id);
    I.Origin = "runtime";
    I.File = F.Loc.File.empty() ? "" : report::displayPath(F.Loc.File, Src);
    I.Line = F.Loc.Line;
    I.Message = F.Message.substr(0, F.Message.find('\n'));
    I.Where = Where;
    bool Seen = std::any_of(R.Findings.begin(), R.Findings.end(),
                            [&](const FindingItem &X) {
                              return X.Rule == I.Rule && X.File == I.File &&
                                     X.Line == I.Line && X.Origin == I.Origin;
                            });
    if (!Seen)
      R.Findings.push_back(I);
  }
}

std::vector<std::string> sourcesOf(const Spec &S, const Submission &Sub,
                                   std::string &Err) {
  std::vector<std::string> Out;
  std::error_code EC;
  if (!fs::is_directory(Sub.Path, EC)) {
    Out.push_back(Sub.Path);
    return Out;
  }
  if (!S.Sources.empty()) {
    for (const std::string &N : S.Sources) {
      if (!fs::is_regular_file(Sub.Path + "/" + N, EC))
        Err += "missing source file " + N + "\n";
      Out.push_back(Sub.Path + "/" + N);
    }
    return Out;
  }
  for (const auto &E : fs::directory_iterator(Sub.Path, EC)) {
    std::string Ext = E.path().extension().string();
    if (E.is_regular_file() && (Ext == ".cpp" || Ext == ".cc" || Ext == ".cxx"))
      Out.push_back(E.path().string());
  }
  std::sort(Out.begin(), Out.end());
  if (Out.empty())
    Err += "no C++ source (.cpp, .cc, .cxx) in the submission\n";
  return Out;
}

} // namespace

uint64_t scheduleSeed(uint64_t SpecSeed, const std::string &Submission,
                      const std::string &Test) {
  // FNV-1a: stable across runs, machines and builds.
  uint64_t H = 1469598103934665603ull;
  std::string Key = std::to_string(SpecSeed) + '\0' + Submission + '\0' + Test;
  for (unsigned char C : Key)
    H = (H ^ C) * 1099511628211ull;
  return H % 1000000000ull;
}

SubmissionResult gradeSubmission(const Spec &S, const Submission &Sub,
                                 const std::string &Out, const Sandbox &Box) {
  auto Start = std::chrono::steady_clock::now();
  SubmissionResult R;
  R.Name = Sub.Name;
  std::string Rel = Sub.Name + "/work";
  std::string Work = fs::absolute(Out + "/" + Rel).lexically_normal().string();
  std::string Src = Work + "/src";
  std::error_code EC;
  fs::remove_all(Out + "/" + Sub.Name, EC);
  std::string Err;
  std::vector<std::string> Sources = sourcesOf(S, Sub, Err);
  std::vector<std::string> Copied;
  if (Err.empty() && Box.prepareScratch(Src, Err)) {
    for (const std::string &F : Sources) {
      std::string To = Src + "/" + fs::path(F).filename().string();
      if (!fs::copy_file(F, To, fs::copy_options::overwrite_existing, EC))
        Err += "cannot copy " + F + ": " + EC.message() + "\n";
      Copied.push_back(To);
    }
    Box.prepareScratch(Work, Err);
  }

  // Build, in the sandbox.
  std::string Prog = Work + "/prog";
  if (Err.empty()) {
    std::vector<std::string> Args;
    if (S.Tsan)
      Args.push_back("--tsan");
    Args.insert(Args.end(), S.Flags.begin(), S.Flags.end());
    Args.insert(Args.end(), Copied.begin(), Copied.end());
    Args.insert(Args.end(), {"-o", Prog});
    Limits BL{S.BuildSeconds, S.BuildSeconds, 4096, 64, 256 * 1024, 1024};
    ProcessOptions PO = Box.options(Work, BL, true, "", Work + "/build.log", "");
    ProcessResult P = runProcess(compileCommand(Args), PO);
    R.Built = P.Started && P.Exited && P.ExitStatus == 0;
    Err = readFile(Work + "/build.log", 8192);
    if (!R.Built && Err.empty())
      Err = P.Started ? "the compiler " + endText(P, S.BuildSeconds)
                      : P.StartError;
    // The scratch path means nothing to the student.
    for (size_t At; (At = Err.find(Src + "/")) != std::string::npos;)
      Err.erase(At, Src.size() + 1);
  }
  R.BuildLog = Err;

  // Static analysis, in the sandbox.
  if (R.Built && S.Analyze) {
    std::vector<std::string> Cmd = {selfExe(), "analyze", "--format=github",
                                    "--srcroot", Src, "-o",
                                    Work + "/analysis.txt"};
    Cmd.insert(Cmd.end(), Copied.begin(), Copied.end());
    Limits AL{S.BuildSeconds, S.BuildSeconds, 4096, 64, 64 * 1024, 1024};
    ProcessOptions PO = Box.options(Work, AL, true, "", Work + "/analyze.log", "");
    runProcess(Cmd, PO);
    R.Findings = parseAnalysis(readFile(Work + "/analysis.txt"));
  }

  // A test's or a rule's result, "did not build" until it is run.
  auto Item = [&](std::string Name, std::string Visibility, double Max,
                  bool IsRule) {
    TestResult TR;
    TR.Name = std::move(Name);
    TR.Visibility = std::move(Visibility);
    TR.Max = Max;
    TR.IsRule = IsRule;
    if (!R.Built) {
      TR.Status = "did not build";
      TR.Reason = "the submission did not build";
    }
    return TR;
  };
  for (size_t TI = 0; TI < S.Tests.size(); ++TI) {
    const TestSpec &T = S.Tests[TI];
    TestResult TR = Item(T.Name, T.Visibility, T.Points, false);
    if (!R.Built) {
      R.Tests.push_back(TR);
      continue;
    }
    Limits L = S.Run;
    L.WallSeconds = T.Timeout;
    TestRun Judge{S, T, L, Box.enabled()};
    std::string Id = "t" + std::to_string(TI + 1);
    std::string Stdin = Out + "/" + Sub.Name + "/" + Id + ".stdin";
    std::ofstream(Stdin, std::ios::binary) << T.Stdin;
    std::vector<std::string> Argv = {Prog};
    Argv.insert(Argv.end(), T.Args.begin(), T.Args.end());
    auto Files = [&](const std::string &Run) {
      return std::array<std::string, 3>{Work + "/" + Id + "-" + Run + ".out",
                                        Work + "/" + Id + "-" + Run + ".err",
                                        Work + "/" + Id + "-" + Run + ".wtrace"};
    };
    // Natively.
    auto NF = Files("native");
    ProcessOptions PO = Box.options(Work, L, !S.Tsan, Stdin, NF[0], NF[1]);
    RunOutcome Native = runRecorded(Argv, NF[2], T.Timeout, NF[0],
                                    {{"WEFT_EXITCODE", "66"}}, false, PO);
    Verdict NV = Judge.judge(Native, "", NF[0], NF[1]);
    // Under the schedules.
    bool Schedulable = Native.Missing != NoTrace::NoRuntime &&
                       Native.Missing != NoTrace::NoCall;
    uint64_t N = Schedulable ? T.Schedules : 0, Failed = 0, Base =
        scheduleSeed(S.Seed, Sub.Name, T.Name);
    std::string FirstSpec, FirstRun;
    Verdict First;
    for (uint64_t K = 0; K < N; ++K) {
      std::string Spec = "random:" + std::to_string(Base + K);
      std::string Run = "s" + std::to_string(K + 1);
      auto F = Files(Run);
      ProcessOptions SPO = Box.options(Work, L, !S.Tsan, Stdin, F[0], F[1]);
      ScheduleRun SR = runSchedule(Argv, Spec, F[2], T.Timeout, S.MaxSteps,
                                   "deadlock", F[0], SPO);
      Verdict V = Judge.judge(SR.Out, SR.Why, F[0], F[1]);
      addFindings(R, SR.Out, Src, "test '" + T.Name + "', schedule " + Spec);
      bool Keep = !V.Pass && FirstSpec.empty();
      if (!V.Pass && ++Failed == 1) {
        FirstSpec = Spec;
        FirstRun = Run;
        First = V;
      }
      for (const std::string &X : F)
        if (!Keep || X != F[2])
          fs::remove(X, EC);
    }
    // The findings of the schedules, which a regrade repeats; the native
    // run's only when there are none (it depends on timing).
    if (N == 0)
      addFindings(R, Native, Src, "test '" + T.Name + "', run natively");
    for (const std::string &X : NF)
      fs::remove(X, EC);
    // With schedules, they decide (the same at every regrade); the native
    // run only adds a failure none of them shows. Without, it decides.
    const Verdict &Rep = Failed ? First : NV;
    std::ostringstream O;
    if (Failed == 0 && NV.Pass) {
      TR.Status = "passed";
      TR.Score = T.Points;
      O << "passed natively and under " << N << " schedule(s)\n";
    } else {
      TR.Status = Failed == N && N ? First.Kind
                  : Failed || N    ? "flaky"
                                   : NV.Kind;
      TR.Reason = Rep.Reason;
      if (Failed && Failed < N)
        O << "fails under " << Failed << " of " << N
          << " schedule(s): a concurrency bug.\n";
      else if (Failed)
        O << "fails under every schedule (" << N << ").\n";
      else if (N)
        O << "failed natively but under none of " << N
          << " schedule(s): it depends on timing.\n";
      else
        O << "fails.\n";
      O << (Failed ? "Schedule " + FirstSpec : std::string("Natively")) << ": "
        << Rep.Reason << "\n";
      if (Rep.Reason == "wrong output")
        O << "expected" << (T.Regex ? " (a match of the regular expression)"
                                    : "")
          << ":\n" << quoted(T.Expected) << "got:\n" << quoted(Rep.Stdout);
      else if (!Rep.Stdout.empty())
        O << "stdout:\n" << quoted(Rep.Stdout);
      if (!Rep.Stderr.empty())
        O << "stderr:\n" << quoted(Rep.Stderr);
      if (!T.Stdin.empty())
        O << "the test's stdin (input.txt):\n" << quoted(T.Stdin);
      if (Failed) {
        TR.Trace = Rel + "/" + Id + "-" + FirstRun + ".wtrace";
        TR.Replay = "weft replay " + TR.Trace +
                    (T.Stdin.empty() ? "" : " < " + Sub.Name + "/" + Id + ".stdin");
        std::vector<std::string> Again = {"./prog"};
        Again.insert(Again.end(), T.Args.begin(), T.Args.end());
        TR.RunAgain = "weft run --schedule=" + FirstSpec + " " + quoteArgs(Again) +
                      (T.Stdin.empty() ? "" : " < input.txt");
        // The trace's picture (docs/pictures.md), beside it.
        trace::Trace Kept;
        std::string Why, Page = Rel + "/" + Id + "-" + FirstRun + ".html";
        if (trace::readTrace(Out + "/" + TR.Trace, Kept, Why)) {
          std::ostringstream H;
          pictures::HtmlOptions HO;
          HO.TracePath = TR.Trace;
          pictures::writeHtmlReport(H, Kept, report::findingsInTrace(Kept), HO);
          if (saveFile(Out + "/" + Page, H.str(), Why))
            TR.Picture = Page;
        }
        O << "trace: " << TR.Trace
          << (TR.Picture.empty() ? "" : "\nits picture: " + TR.Picture)
          << "\nreplay it (in the grading "
          << "directory): " << TR.Replay << "\nrun it again on your build: "
          << TR.RunAgain << "\n";
      }
    }
    if (!Schedulable && T.Schedules)
      O << "no schedules explored: the program makes no weft call\n";
    TR.Output = O.str();
    R.Tests.push_back(TR);
  }

  for (const RuleSpec &RS : S.Rules) {
    TestResult TR = Item(ruleTitle(RS), RS.Visibility, RS.Points, true);
    if (!R.Built) {
      R.Tests.push_back(TR);
      continue;
    }
    std::ostringstream O;
    for (const FindingItem &F : R.Findings)
      if (F.Rule == RS.Rule && (RS.Origin == "any" || RS.Origin == F.Origin))
        O << F.File << (F.Line ? ":" + std::to_string(F.Line) : "") << ": "
          << F.Message << " [" << F.Origin
          << (F.Where.empty() ? "" : ", " + F.Where) << "]\n";
    TR.Output = O.str();
    TR.Status = TR.Output.empty() ? "passed" : "failed";
    TR.Score = TR.Output.empty() ? RS.Points : 0;
    if (TR.Output.empty())
      TR.Output = "no " + RS.Rule + " finding\n";
    else
      TR.Reason = RS.Rule + " found";
    R.Tests.push_back(TR);
  }
  for (const TestResult &T : R.Tests) {
    R.Score += T.Score;
    R.Max += T.Max;
  }
  R.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                            Start).count();
  return R;
}

} // namespace weft::cli::grade
