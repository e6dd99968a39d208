//===- tools/weft/grade/Shard.cpp - --shard I/N and `weft grade merge` ----===//
//
// A shard grades every N-th submission from the I-th (of the list every
// shard is given) into its --out, and writes OUT/shard-I-of-N.toml instead
// of the gradebook: the gradebook's columns and, per submission, its index
// in the list and its tests' classes and scores. `weft grade merge` reads
// the shard files of one or more directories, checks that every shard and
// every submission is there exactly once, copies the submissions'
// directories into its --out, and writes the gradebook a single run writes.
//===----------------------------------------------------------------------===//
#include "grade/Grader.h"

#include "Cli.h"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>

namespace weft::cli::grade {
namespace fs = std::filesystem;

bool parseShard(const std::string &V, unsigned &I, unsigned &N) {
  std::smatch M;
  static const std::regex Form("([1-9][0-9]{0,5})/([1-9][0-9]{0,5})");
  if (!std::regex_match(V, M, Form))
    return false;
  I = static_cast<unsigned>(std::stoul(M[1]));
  N = static_cast<unsigned>(std::stoul(M[2]));
  return I <= N;
}

bool writeShardFile(const std::string &Out, unsigned I, unsigned N,
                    size_t Total, const std::vector<std::string> &Columns,
                    const std::vector<size_t> &Indexes,
                    const std::vector<SubmissionResult> &Results,
                    std::string &Err) {
  toml::table T;
  T.insert("shard", static_cast<int64_t>(I));
  T.insert("shards", static_cast<int64_t>(N));
  T.insert("submissions", static_cast<int64_t>(Total));
  toml::array Cols;
  for (const std::string &C : Columns)
    Cols.push_back(C);
  T.insert("columns", Cols);
  toml::array Graded;
  for (size_t K = 0; K < Results.size(); ++K) {
    const SubmissionResult &R = Results[K];
    toml::table G;
    G.insert("index", static_cast<int64_t>(Indexes[K]));
    G.insert("name", R.Name);
    toml::array Status, Score, Max, Rule;
    for (const TestResult &X : R.Tests) {
      Status.push_back(X.Status);
      Score.push_back(X.Score);
      Max.push_back(X.Max);
      Rule.push_back(X.IsRule);
    }
    G.insert("status", Status);
    G.insert("score", Score);
    G.insert("max", Max);
    G.insert("rule", Rule);
    Graded.push_back(G);
  }
  T.insert("graded", Graded);
  std::string Path = Out + "/shard-" + std::to_string(I) + "-of-" +
                     std::to_string(N) + ".toml";
  std::ofstream F(Path);
  F << "# weft grade --shard " << I << "/" << N
    << ": read by `weft grade merge`\n"
    << T << "\n";
  if (!F.flush()) {
    Err = "cannot write " + Path;
    return false;
  }
  return true;
}

namespace {

struct Loaded {
  std::string Dir;
  SubmissionResult R;
};

bool readShard(const std::string &Dir, const std::string &Path,
               std::map<size_t, Loaded> &All, unsigned &Shards,
               int64_t &Total, std::vector<std::string> &Columns,
               std::map<unsigned, std::string> &Seen, std::string &Err) {
  toml::table T;
  try {
    T = toml::parse_file(Path);
  } catch (const toml::parse_error &E) {
    Err = Path + ": " + std::string(E.description());
    return false;
  }
  auto I = T["shard"].value<int64_t>(), N = T["shards"].value<int64_t>(),
       Subs = T["submissions"].value<int64_t>();
  const toml::array *Cols = T["columns"].as_array();
  const toml::array *Graded = T["graded"].as_array();
  if (!I || !N || !Subs || !Cols || !Graded) {
    Err = Path + ": not a shard file of `weft grade --shard`";
    return false;
  }
  std::vector<std::string> C;
  for (const toml::node &X : *Cols)
    C.push_back(X.value_or(std::string()));
  if (Shards == 0) {
    Shards = static_cast<unsigned>(*N);
    Total = *Subs;
    Columns = C;
  } else if (Shards != *N || Total != *Subs || Columns != C) {
    Err = Path + ": a shard of another grading (its shard count, "
                 "submissions or tests differ from the first shard's)";
    return false;
  }
  unsigned Me = static_cast<unsigned>(*I);
  if (auto It = Seen.find(Me); It != Seen.end()) {
    Err = "shard " + std::to_string(Me) + "/" + std::to_string(Shards) +
          " is given twice: " + It->second + " and " + Path;
    return false;
  }
  Seen[Me] = Path;
  for (const toml::node &X : *Graded) {
    const toml::table *G = X.as_table();
    Loaded L;
    L.Dir = Dir;
    auto Index = G ? (*G)["index"].value<int64_t>() : std::nullopt;
    auto Name = G ? (*G)["name"].value<std::string>() : std::nullopt;
    const toml::array *St = G ? (*G)["status"].as_array() : nullptr;
    const toml::array *Sc = G ? (*G)["score"].as_array() : nullptr;
    const toml::array *Mx = G ? (*G)["max"].as_array() : nullptr;
    const toml::array *Ru = G ? (*G)["rule"].as_array() : nullptr;
    if (!Index || !Name || !St || !Sc || !Mx || !Ru ||
        St->size() != C.size() || Sc->size() != C.size() ||
        Mx->size() != C.size() || Ru->size() != C.size() || *Index < 0 ||
        *Index >= Total) {
      Err = Path + ": a damaged entry in 'graded'";
      return false;
    }
    L.R.Name = *Name;
    L.R.Built = true;
    for (size_t K = 0; K < C.size(); ++K) {
      TestResult R;
      R.Name = C[K];
      R.Status = (*St)[K].value_or(std::string());
      R.Score = (*Sc)[K].value_or(0.0);
      R.Max = (*Mx)[K].value_or(0.0);
      R.IsRule = (*Ru)[K].value_or(false);
      L.R.Score += R.Score;
      L.R.Max += R.Max;
      L.R.Tests.push_back(R);
    }
    All[static_cast<size_t>(*Index)] = L;
  }
  return true;
}

} // namespace

int gradeMerge(const std::vector<std::string> &A) {
  std::string Out = "graded";
  std::vector<std::string> Dirs;
  for (size_t I = 0; I < A.size(); ++I) {
    bool Missing = false;
    if (auto V = optionValue(A, I, "--out", Missing)) {
      if (Missing || V->empty())
        return usageError("grade", "--out needs a directory");
      Out = *V;
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("grade", "unknown option of merge '" + A[I] + "'");
    Dirs.push_back(A[I]);
  }
  if (Dirs.empty())
    return usageError("grade", "merge needs the shards' directories");
  std::map<size_t, Loaded> All;
  std::map<unsigned, std::string> Seen;
  unsigned Shards = 0;
  int64_t Total = 0;
  std::vector<std::string> Columns;
  std::string Err;
  for (const std::string &D : Dirs) {
    std::error_code EC;
    std::vector<std::string> Files;
    for (const auto &E : fs::directory_iterator(D, EC)) {
      std::string N = E.path().filename().string();
      if (N.rfind("shard-", 0) == 0 && E.path().extension() == ".toml")
        Files.push_back(E.path().string());
    }
    if (EC) {
      std::cerr << "weft: error: cannot read " << D << ": " << EC.message()
                << "\n";
      return ExitUsage;
    }
    std::sort(Files.begin(), Files.end());
    if (Files.empty()) {
      std::cerr << "weft: error: " << D << " holds no shard-I-of-N.toml "
                << "(written by `weft grade --shard I/N`)\n";
      return ExitUsage;
    }
    for (const std::string &F : Files)
      if (!readShard(D, F, All, Shards, Total, Columns, Seen, Err)) {
        std::cerr << "weft: error: " << Err << "\n";
        return ExitUsage;
      }
  }
  std::string Missing;
  for (unsigned I = 1; I <= Shards; ++I)
    if (!Seen.count(I))
      Missing += (Missing.empty() ? "" : ", ") + std::to_string(I) + "/" +
                 std::to_string(Shards);
  if (!Missing.empty() || All.size() != static_cast<size_t>(Total)) {
    std::cerr << "weft: error: "
              << (Missing.empty() ? "the shards do not cover every submission"
                                  : "missing shard(s): " + Missing)
              << "\n";
    return ExitUsage;
  }
  std::error_code EC;
  fs::create_directories(Out, EC);
  std::vector<SubmissionResult> Results;
  for (auto &[K, L] : All) {
    fs::path From = fs::weakly_canonical(L.Dir + "/" + L.R.Name, EC);
    fs::path To = fs::weakly_canonical(Out + "/" + L.R.Name, EC);
    if (From != To) {
      fs::remove_all(To, EC);
      fs::copy(From, To, fs::copy_options::recursive, EC);
      if (EC) {
        std::cerr << "weft: error: cannot copy " << From.string() << " to "
                  << To.string() << ": " << EC.message() << "\n";
        return ExitInternal;
      }
    }
    Results.push_back(L.R);
  }
  if (!writeGradebook(Columns, Results, Out + "/gradebook.csv", Err)) {
    std::cerr << "weft: error: " << Err << "\n";
    return ExitInternal;
  }
  for (const SubmissionResult &R : Results)
    std::cout << summaryLine(R) << "\n";
  note("merged " + std::to_string(Shards) + " shard(s) of " +
       std::to_string(Total) + " submissions into " + Out + "/gradebook.csv");
  return ExitClean;
}

} // namespace weft::cli::grade
