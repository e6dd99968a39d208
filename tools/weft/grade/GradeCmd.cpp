//===- tools/weft/grade/GradeCmd.cpp - `weft grade` -----------------------===//
//
// Grades every submission against an assignment (docs/grading.md): per
// submission OUT/NAME/results.json (Gradescope) and OUT/NAME/feedback.md,
// and OUT/gradebook.csv for the class. --jobs N grades N submissions at
// once; the files do not depend on it.
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "RunProgram.h"
#include "grade/Grader.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

namespace weft::cli {
namespace fs = std::filesystem;
using namespace grade;

namespace {

struct Options {
  std::string Assignment;
  std::string Out = "graded";
  unsigned Jobs = 1;
  bool Quiet = false;
  bool Unsafe = false;
  unsigned ShardI = 0, ShardN = 0; // --shard I/N
  std::string Gradescope;          // --gradescope[=ROOT]: its layout's root
  std::vector<Submission> Subs;
};

int parse(const Args &A, Options &O) {
  size_t I = 0;
  std::set<std::string> Explicit;
  for (; I < A.size(); ++I) {
    bool Missing = false;
    if (A[I] == "--") {
      ++I;
      break;
    }
    if (A[I] == "--quiet" || A[I] == "-q") {
      O.Quiet = true;
      continue;
    }
    if (A[I] == "--gradescope" || A[I].rfind("--gradescope=", 0) == 0) {
      O.Gradescope = A[I].size() > 12 ? A[I].substr(13) : "/autograder";
      if (O.Gradescope.empty())
        return usageError("grade", "--gradescope= needs a directory");
      continue;
    }
    if (A[I] == "--unsafe-no-sandbox") {
      O.Unsafe = true;
      continue;
    }
    if (auto V = optionValue(A, I, "--assignment", Missing)) {
      if (Missing)
        return usageError("grade", "--assignment needs a directory");
      O.Assignment = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--out", Missing)) {
      if (Missing || V->empty())
        return usageError("grade", "--out needs a directory");
      O.Out = *V;
      Explicit.insert("--out");
      continue;
    }
    if (auto V = optionValue(A, I, "--shard", Missing)) {
      if (Missing || !parseShard(*V, O.ShardI, O.ShardN))
        return usageError("grade", "--shard needs I/N with 1 <= I <= N "
                                   "(e.g. --shard 2/3)");
      continue;
    }
    if (auto V = optionValue(A, I, "--jobs", Missing)) {
      char *End = nullptr;
      unsigned long J = Missing ? 0 : std::strtoul(V->c_str(), &End, 10);
      if (Missing || !End || *End || J == 0 || J > 64)
        return usageError("grade", "--jobs needs an integer from 1 to 64");
      O.Jobs = static_cast<unsigned>(J);
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("grade", "unknown option '" + A[I] + "'");
    break;
  }
  if (!O.Gradescope.empty()) {
    // Gradescope's layout: one submission, results in a fixed place.
    if (I < A.size())
      return usageError("grade", "--gradescope grades " + O.Gradescope +
                                     "/submission: give no submissions");
    if (O.Assignment.empty())
      O.Assignment = O.Gradescope + "/source/assignment";
    if (!Explicit.count("--out"))
      O.Out = O.Gradescope + "/results/weft";
    O.Subs.push_back({O.Gradescope + "/submission", "submission"});
    return 0;
  }
  if (O.Assignment.empty())
    return usageError("grade", "no --assignment DIR given");
  if (I >= A.size())
    return usageError("grade", "no submissions given");
  std::map<std::string, std::string> Names;
  for (; I < A.size(); ++I) {
    std::error_code EC;
    fs::path P(A[I]);
    if (!fs::exists(P, EC))
      return usageError("grade", "no such submission: '" + A[I] + "'");
    Submission S;
    S.Path = A[I];
    S.Name = fs::is_directory(P, EC)
                 ? fs::absolute(P).lexically_normal().filename().string()
                 : P.stem().string();
    if (S.Name.empty() || S.Name == "." || S.Name == "..")
      S.Name = fs::absolute(P).lexically_normal().parent_path().filename().string();
    if (auto It = Names.find(S.Name); It != Names.end())
      return usageError("grade", "two submissions are named '" + S.Name +
                                     "': " + It->second + " and " + A[I]);
    Names[S.Name] = A[I];
    O.Subs.push_back(S);
  }
  return 0;
}

} // namespace

int cmdGrade(const Args &A) {
  if (A.size() == 1 && (A[0] == "--help" || A[0] == "-h"))
    return cmdHelp({"grade"});
  if (!A.empty() && A[0] == "merge")
    return gradeMerge(Args(A.begin() + 1, A.end()));
  if (!A.empty() && A[0] == "autograder")
    return gradescopeFiles(Args(A.begin() + 1, A.end()));
  Options O;
  if (int E = parse(A, O))
    return E;
  Spec S;
  std::string Err;
  if (!loadSpec(O.Assignment, S, Err)) {
    std::cerr << "weft: error: " << Err << "\n";
    return ExitUsage;
  }
  Sandbox Box(!O.Unsafe);
  if (O.Unsafe) {
    std::cerr << "weft: warning: --unsafe-no-sandbox: student code runs with "
                 "your files, your network and your processes in reach "
                 "(only the rlimits apply)\n";
  } else if (std::string Why = Box.probe(); !Why.empty()) {
    std::cerr << "weft: error: " << Why
              << "\nweft: note: grading refuses to run student code "
                 "unsandboxed; --unsafe-no-sandbox does it anyway\n";
    return ExitInternal;
  }
  std::error_code EC;
  fs::create_directories(O.Out, EC);
  if (EC || access(O.Out.c_str(), W_OK) != 0) {
    std::cerr << "weft: error: cannot write in " << O.Out << "\n";
    return ExitUsage;
  }
  // The instructor's directory must not be reachable through --out.
  fs::path AbsOut = fs::weakly_canonical(O.Out, EC);
  fs::path AbsSpec = fs::weakly_canonical(O.Assignment, EC);
  if (AbsOut.string().rfind(AbsSpec.string() + "/", 0) == 0 ||
      AbsOut == AbsSpec) {
    std::cerr << "weft: error: --out " << O.Out << " is inside the assignment "
              << "directory, which student code must not see\n";
    return ExitUsage;
  }

  // --shard: this run's slice of the class (every N-th, from the I-th).
  size_t Total = O.Subs.size();
  std::vector<size_t> Indexes;
  for (size_t K = 0; K < Total; ++K)
    if (!O.ShardN || inShard(K, O.ShardI, O.ShardN))
      Indexes.push_back(K);
  std::vector<Submission> Slice;
  for (size_t K : Indexes)
    Slice.push_back(O.Subs[K]);
  O.Subs = Slice;

  InterruptGuard Guard;
  std::vector<SubmissionResult> Results(O.Subs.size());
  std::atomic<size_t> Next{0}, Done{0};
  std::mutex Mu;
  bool Bar = !O.Quiet && isatty(2);
  auto Start = std::chrono::steady_clock::now();
  auto Progress = [&](const std::string &Name) {
    if (!Bar)
      return;
    double Spent = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - Start).count();
    size_t D = Done.load(), N = O.Subs.size();
    std::string Eta = D ? ", ETA " + std::to_string(static_cast<long>(
                                         Spent / D * (N - D) + 0.5)) + " s"
                        : "";
    std::fprintf(stderr, "\r\033[Kweft: grade %zu of %zu submissions (%s)%s",
                 D, N, Name.c_str(), Eta.c_str());
    std::fflush(stderr);
  };
  std::vector<std::thread> Workers;
  for (unsigned J = 0; J < std::min<size_t>(O.Jobs, O.Subs.size()); ++J)
    Workers.emplace_back([&] {
      for (size_t I; (I = Next.fetch_add(1)) < O.Subs.size();) {
        if (interruptSignal())
          return;
        Results[I] = gradeSubmission(S, O.Subs[I], O.Out, Box);
        std::string E;
        std::string Dir = O.Out + "/" + O.Subs[I].Name;
        bool Ok = writeResultsJson(Results[I], Dir + "/results.json", E) &&
                  writeFeedback(S, Results[I], Dir, E);
        std::lock_guard<std::mutex> G(Mu);
        if (!Ok && Err.empty())
          Err = E;
        ++Done;
        Progress(O.Subs[I].Name);
      }
    });
  for (std::thread &T : Workers)
    T.join();
  if (Bar)
    std::fprintf(stderr, "\r\033[K");
  if (int Sig = interruptSignal()) {
    note("interrupted by " + signalName(Sig) + " after " +
         std::to_string(Done.load()) + " submission(s); no gradebook written");
    return interruptedStatus();
  }
  std::vector<std::string> Columns = gradebookColumns(S);
  if (Err.empty() && O.ShardN)
    writeShardFile(O.Out, O.ShardI, O.ShardN, Total, Columns, Indexes,
                   Results, Err);
  else if (Err.empty())
    writeGradebook(Columns, Results, O.Out + "/gradebook.csv", Err);
  if (!Err.empty()) {
    std::cerr << "weft: error: " << Err << "\n";
    return ExitInternal;
  }
  if (!O.Gradescope.empty()) {
    std::string To = O.Gradescope + "/results/results.json";
    fs::copy_file(O.Out + "/submission/results.json", To,
                  fs::copy_options::overwrite_existing, EC);
    if (EC) {
      std::cerr << "weft: error: cannot write " << To << ": " << EC.message()
                << "\n";
      return ExitInternal;
    }
    note("wrote " + To);
  }
  for (const SubmissionResult &R : Results)
    std::cout << summaryLine(R) << "\n";
  if (O.ShardN) {
    note("wrote shard " + std::to_string(O.ShardI) + " of " +
         std::to_string(O.ShardN) + " (" + std::to_string(Results.size()) +
         " of " + std::to_string(Total) + " submissions) into " + O.Out +
         "; `weft grade merge --out DIR " + O.Out +
         " ...` joins the shards");
    return ExitClean;
  }
  note("wrote " + O.Out + "/gradebook.csv and, per submission, " + O.Out +
       "/NAME/results.json, feedback.md and feedback.html");
  return ExitClean;
}

} // namespace weft::cli
