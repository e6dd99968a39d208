//===- tools/weft/CheckCmd.cpp - `weft check`: the whole job per program --===//
//
// For each program: static analysis, build with the runtime, a recorded
// run, and one table row with what each tool found. This is what the
// README's first command runs over the course samples.
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "RunProgram.h"

#ifdef WEFT_HAVE_ANALYZER
#include "analyzer/Analyzer.h"
#endif

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <unistd.h>

namespace fs = std::filesystem;

namespace weft::cli {
namespace {

/// "deadlock, missing-release x2" from a list of findings.
std::string rulesText(const std::vector<report::Finding> &Fs) {
  if (Fs.empty())
    return "clean";
  std::map<std::string, int> Count;
  std::vector<std::string> Order;
  for (const report::Finding &F : Fs) {
    std::string Id(report::ruleInfo(F.Rule).Id);
    if (Count[Id]++ == 0)
      Order.push_back(Id);
  }
  std::string S;
  for (const std::string &Id : Order) {
    if (!S.empty())
      S += ", ";
    S += Id;
    if (Count[Id] > 1)
      S += " x" + std::to_string(Count[Id]);
  }
  return S;
}

struct Row {
  std::string Program, Static, Runtime;
  bool Failed = false;   // a step could not be done
  bool Abnormal = false; // the program crashed or was killed (--timeout)
  bool StaticFound = false, RuntimeFound = false;
};

/// The runtime column: the rules found, then how the run ended when not
/// normally ("deadlock; crashed (SIGSEGV)", "killed after 30 s (--timeout)").
void runtimeCell(const RunOutcome &O, double Timeout, Row &R) {
  const ProcessResult &P = O.Process;
  if (!P.Started) {
    R.Runtime = "did not start: " + P.StartError;
    R.Failed = true;
    return;
  }
  std::string End;
  if (P.TimedOut)
    End = "killed after " + secondsText(Timeout) + " s (--timeout)";
  else if (!P.Exited)
    End = "crashed (" + signalName(P.Signal) + ")";
  else if (P.ExitStatus != 0 && !(P.ExitStatus == 66 && !O.Report.Findings.empty()))
    End = "exit " + std::to_string(P.ExitStatus);
  R.Abnormal = P.TimedOut || !P.Exited;
  if (!O.HaveTrace) {
    switch (O.Missing) {
    case NoTrace::NoRuntime:
      // Built here with `weft c++`: it calls no weft API (std::thread...).
      R.Runtime = "not recorded (no weft API used)";
      break;
    case NoTrace::NoCall:
      R.Runtime = "not recorded (no weft call ran)";
      break;
    default:
      R.Runtime = "no trace: " + O.TraceError;
      R.Failed = true;
    }
    if (!End.empty())
      R.Runtime += "; " + End;
    return;
  }
  R.RuntimeFound = !O.Report.Findings.empty();
  if (R.RuntimeFound || End.empty())
    R.Runtime = rulesText(O.Report.Findings);
  if (!End.empty())
    R.Runtime += (R.Runtime.empty() ? "" : "; ") + End;
}

} // namespace

int cmdCheck(const Args &A) {
  double Timeout = 30;
  bool DoRun = true, DoAnalyze = true, Tsan = true;
  std::vector<std::string> Inputs;
  for (size_t I = 0; I < A.size(); ++I) {
    bool Missing = false;
    if (auto V = optionValue(A, I, "--timeout", Missing)) {
      if (Missing || !parseSeconds(*V, Timeout))
        return usageError("check", TimeoutNeeds);
      continue;
    }
    if (A[I] == "--no-run") {
      DoRun = false;
      continue;
    }
    if (A[I] == "--no-analyze") {
      DoAnalyze = false;
      continue;
    }
    if (A[I] == "--tsan" || A[I] == "--no-tsan") {
      Tsan = A[I] == "--tsan";
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("check", "unknown option '" + A[I] + "'");
    Inputs.push_back(A[I]);
  }
  if (Inputs.empty())
    return usageError("check", "no files or directories given");
#ifndef WEFT_HAVE_ANALYZER
  DoAnalyze = false;
#endif
  if (DoRun && Tsan && access(tsanRuntimeLib().c_str(), R_OK) != 0) {
    note("the ThreadSanitizer runtime " + tsanRuntimeLib() +
         " is missing: building without --tsan (data races on plain memory "
         "are not seen at run time)");
    Tsan = false;
  }

  std::vector<std::string> Files;
  for (const std::string &In : Inputs) {
    std::error_code EC;
    if (fs::is_directory(In, EC)) {
      std::vector<std::string> Found;
      for (auto &E : fs::recursive_directory_iterator(In, EC))
        if (E.is_regular_file() && E.path().extension() == ".cpp")
          Found.push_back(E.path().string());
      std::sort(Found.begin(), Found.end());
      Files.insert(Files.end(), Found.begin(), Found.end());
    } else if (fs::is_regular_file(In, EC)) {
      Files.push_back(In);
    } else {
      return usageError("check", "no such file or directory: '" + In + "'");
    }
  }
  if (Files.empty())
    return usageError("check", "no .cpp files found");

  bool Progress = isatty(2) && !std::getenv("CI");
  InterruptGuard Guard;
  std::string Work = tempPath("weft-check-", "");
  fs::create_directories(Work);
  std::vector<Row> Rows;
  size_t N = 0;
  for (const std::string &File : Files) {
    if (interruptSignal())
      break;
    ++N;
    if (Progress)
      std::cerr << "\r\033[K[" << N << "/" << Files.size() << "] "
                << baseName(File) << std::flush;
    Row R;
    R.Program = File;
    if (DoAnalyze) {
#ifdef WEFT_HAVE_ANALYZER
      analyzer::Options Opts;
      Opts.Files = {File};
      Opts.WeftIncludeDir = toolchain().IncludeDir;
      report::Report SR;
      std::string Err;
      if (!analyzer::analyze(Opts, SR, Err)) {
        R.Static = "internal error: " + Err;
        R.Failed = true;
      } else if (!SR.Errors.empty()) {
        R.Static = "error: " + SR.Errors.front().Message;
        R.Failed = true;
      } else {
        report::normalize(SR);
        R.Static = rulesText(SR.Findings);
        R.StaticFound = !SR.Findings.empty();
      }
#endif
    } else {
      R.Static = "-";
    }
    if (DoRun) {
      std::string Stem = fs::path(File).stem().string();
      std::string Exe = Work + "/" + Stem;
      std::string Log = Work + "/" + Stem + ".build.log";
      ProcessOptions PO;
      PO.OutputFile = Log;
      std::vector<std::string> Build{File, "-o", Exe};
      if (Tsan)
        Build.push_back("--tsan");
      ProcessResult B = runProcess(compileCommand(Build), PO);
      if (interruptSignal())
        break;
      if (!B.Started || !B.Exited || B.ExitStatus != 0) {
        R.Runtime = "build failed (" + Log + ")";
        R.Failed = true;
      } else {
        RunOutcome O = runRecorded({Exe}, Exe + ".wtrace", Timeout,
                                   Work + "/" + Stem + ".out",
                                   {{"WEFT_TSAN_LOG", Work + "/" + Stem + ".tsan"}});
        if (O.Process.Interrupted)
          break;
        runtimeCell(O, Timeout, R);
      }
    } else {
      R.Runtime = "-";
    }
    Rows.push_back(R);
  }
  if (Progress)
    std::cerr << "\r\033[K" << std::flush;
  if (int Sig = interruptSignal())
    note("interrupted by " + signalName(Sig) + ": " +
         std::to_string(Rows.size()) + " of " + std::to_string(Files.size()) +
         " program(s) checked");

  size_t W0 = 7, W1 = 6;
  for (const Row &R : Rows) {
    W0 = std::max(W0, R.Program.size());
    W1 = std::max(W1, R.Static.size());
  }
  auto Pad = [](const std::string &S, size_t W) {
    return S + std::string(W > S.size() ? W - S.size() : 0, ' ');
  };
  std::cout << Pad("program", W0) << "  " << Pad("static", W1) << "  runtime\n";
  std::cout << std::string(W0, '-') << "  " << std::string(W1, '-') << "  "
            << std::string(20, '-') << "\n";
  size_t Static = 0, Runtime = 0, Failed = 0, Abnormal = 0;
  for (const Row &R : Rows) {
    std::cout << Pad(R.Program, W0) << "  " << Pad(R.Static, W1) << "  "
              << R.Runtime << "\n";
    Static += R.StaticFound;
    Runtime += R.RuntimeFound;
    Failed += R.Failed;
    Abnormal += R.Abnormal;
  }
  std::cout << "\n"
            << Rows.size() << " programs: " << Static
            << " with static findings, " << Runtime
            << " with runtime findings, " << Abnormal
            << " crashed or killed, " << Failed
            << " failed to analyze, build or run\n"
            << "(runtime: built with `weft c++" << (Tsan ? " --tsan" : "")
            << "`; build logs, program output and traces: " << Work << ")\n";
  if (int Status = interruptedStatus())
    return Status;
  return Failed || Abnormal ? ExitFindings : ExitClean;
}

} // namespace weft::cli
