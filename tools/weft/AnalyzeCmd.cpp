//===- tools/weft/AnalyzeCmd.cpp - `weft analyze` -------------------------===//
//
// Options, then analyzer::analyze(), then what CI needs: weft-ignore
// comments and a suppressions file, a baseline (only new findings count),
// the output format (text on stderr; json / sarif / github on stdout or
// -o, never over an input), and the exit status (0 clean, 1 findings, 2
// usage or input error, 3 internal error such as a file that crashed clang;
// --exit-zero turns 1 into 0).
//===----------------------------------------------------------------------===//
#include "Cli.h"

#ifdef WEFT_HAVE_ANALYZER
#include "analyzer/Analyzer.h"
#include "analyzer/CompileDb.h"
#include "analyzer/Suppressions.h"
#endif

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace weft::cli {

#ifdef WEFT_HAVE_ANALYZER
namespace {
/// The repository root (a directory with .git above the current one), so
/// SARIF and GitHub paths are repo-relative; else the current directory.
std::string sourceRoot() {
  namespace fs = std::filesystem;
  std::error_code EC;
  fs::path Dir = fs::current_path(EC);
  for (fs::path P = Dir; !P.empty(); P = P.parent_path()) {
    if (fs::exists(P / ".git", EC))
      return P.string();
    if (P == P.root_path())
      break;
  }
  return Dir.string();
}

/// True when \p A and \p B name one file (a link, or another spelling).
bool sameFile(const std::string &A, const std::string &B) {
  namespace fs = std::filesystem;
  std::error_code EC;
  if (fs::equivalent(A, B, EC))
    return true;
  return fs::weakly_canonical(A, EC) == fs::weakly_canonical(B, EC) && !EC;
}

bool parseJobs(const std::string &V, unsigned &Jobs) {
  if (V.empty() || V.find_first_not_of("0123456789") != std::string::npos)
    return false;
  Jobs = static_cast<unsigned>(std::stoul(V));
  if (Jobs == 0)
    Jobs = std::max(1u, std::thread::hardware_concurrency());
  return true;
}
} // namespace
#endif

int cmdAnalyze(const Args &A) {
#ifndef WEFT_HAVE_ANALYZER
  (void)A;
  std::cerr << "weft: error: this weft was built without the analyzer "
               "(-DWEFT_BUILD_ANALYZER=OFF)\n";
  return ExitUsage;
#else
  analyzer::Options Opts;
  report::Format Fmt = report::Format::Text;
  std::string OutFile, Baseline, SuppressFile, SrcRoot;
  bool ExitZero = false;
  // A flag that takes one value given twice is an error, not "the last
  // one wins": optionValue refuses a repeated name; -j, --jobs and -jN
  // (and -x, -xLANG) are one flag each under different spellings.
  std::set<std::string> Given;
  auto Once = [&](const std::string &Name) {
    return Given.insert(Name).second;
  };
  auto Repeated = [](const std::string &Name) {
    return usageError("analyze", Name + " given more than once (it takes one value)");
  };
  for (size_t I = 0; I < A.size(); ++I) {
    bool Missing = false;
    if (A[I] == "--") {
      Opts.ExtraArgs.assign(A.begin() + I + 1, A.end());
      break;
    }
    if (auto V = optionValue(A, I, "--format", Missing)) {
      if (Missing)
        return usageError("analyze", "--format needs a value");
      auto F = report::parseFormat(*V);
      if (!F)
        return usageError("analyze",
                          "unknown format '" + *V +
                              "' (expected text, json, sarif or github)");
      Fmt = *F;
      continue;
    }
    if (auto V = optionValue(A, I, "-p", Missing)) {
      if (Missing)
        return usageError("analyze", "-p needs a build directory");
      Opts.BuildDir = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "-o", Missing)) {
      if (Missing)
        return usageError("analyze", "-o needs a file name");
      OutFile = *V;
      continue;
    }
    if (A[I].size() > 2 && A[I].rfind("-j", 0) == 0) {
      if (!Once("-j"))
        return Repeated("-j");
      if (!parseJobs(A[I].substr(2), Opts.Jobs))
        return usageError("analyze", "-j needs a number");
      continue;
    }
    if (auto V = A[I] == "-j" ? optionValue(A, I, "-j", Missing)
                              : optionValue(A, I, "--jobs", Missing)) {
      if (!Once("-j"))
        return Repeated("-j");
      if (Missing || !parseJobs(*V, Opts.Jobs))
        return usageError("analyze", "-j needs a number");
      continue;
    }
    if (auto V = optionValue(A, I, "--baseline", Missing)) {
      if (Missing)
        return usageError("analyze", "--baseline needs a SARIF file");
      Baseline = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--suppressions", Missing)) {
      if (Missing)
        return usageError("analyze", "--suppressions needs a file");
      SuppressFile = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--srcroot", Missing)) {
      if (Missing)
        return usageError("analyze", "--srcroot needs a directory");
      SrcRoot = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--max-errors", Missing)) {
      if (Missing || V->empty() ||
          V->find_first_not_of("0123456789") != std::string::npos ||
          V->size() > 9)
        return usageError("analyze",
                          "--max-errors needs a number (0: all errors)");
      Opts.MaxErrors = static_cast<unsigned>(std::stoul(*V));
      continue;
    }
    if (auto V = A[I].size() > 2 && A[I].rfind("-x", 0) == 0
                     ? std::optional<std::string>(A[I].substr(2))
                     : optionValue(A, I, "-x", Missing)) {
      if (!Once("-x"))
        return Repeated("-x");
      if (Missing || (*V != "c" && *V != "c++"))
        return usageError("analyze", "-x needs a language: c or c++");
      Opts.Language = *V;
      continue;
    }
    if (A[I] == "--exit-zero") {
      ExitZero = true;
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("analyze", "unknown option '" + A[I] + "'");
    Opts.Files.push_back(A[I]);
  }
  if (Opts.Files.empty() && Opts.BuildDir.empty())
    return usageError("analyze", "no input files (give files, or -p BUILD_DIR "
                                 "to analyze every file of its database)");

  analyzer::Suppressions Supp;
  std::map<std::string, unsigned> BaselinePrints;
  std::string Err;
  if (!SuppressFile.empty() && !Supp.loadFile(SuppressFile, Err))
    return usageError("analyze", Err);
  if (!Baseline.empty() && !analyzer::loadBaseline(Baseline, BaselinePrints, Err))
    return usageError("analyze", Err);

  report::Report R;
  R.Tool = "weft analyze";
  // A missing file is an input error for that file; the rest still run.
  std::vector<std::string> Existing;
  for (const std::string &F : Opts.Files) {
    struct stat St;
    if (stat(F.c_str(), &St) != 0)
      R.Errors.push_back({F, "no such file"});
    else if (S_ISDIR(St.st_mode))
      R.Errors.push_back({F, "is a directory: give the files to analyze, or "
                             "-p BUILD_DIR for those of its "
                             "compile_commands.json"});
    else if (!S_ISREG(St.st_mode))
      R.Errors.push_back({F, "not a regular file"});
    else
      Existing.push_back(F);
  }
  // Everything weft reads, which -o must not overwrite.
  std::vector<std::string> Inputs = Opts.Files;
  bool DbOk = true;
  if (!Opts.BuildDir.empty()) {
    report::InputError DbError;
    auto Listed = analyzer::checkCompileDatabase(Opts.BuildDir, DbError);
    if (!Listed) {
      R.Errors.push_back(DbError);
      DbOk = false;
    } else {
      Inputs.insert(Inputs.end(), Listed->begin(), Listed->end());
      Inputs.push_back(Opts.BuildDir + "/compile_commands.json");
    }
  }
  for (const std::string &F : {Baseline, SuppressFile})
    if (!F.empty())
      Inputs.push_back(F);
  if (!OutFile.empty())
    for (const std::string &In : Inputs)
      if (sameFile(OutFile, In))
        return usageError("analyze", "-o '" + OutFile +
                                         "' would overwrite the input '" +
                                         In + "'");
  Opts.Files = Existing;
  Opts.WeftIncludeDir = toolchain().IncludeDir;
  const char *Ci = std::getenv("CI");
  Opts.Progress = ::isatty(2) && !(Ci && *Ci);
  bool Any = !Opts.Files.empty() || (!Opts.BuildDir.empty() && DbOk);
  if (Any) {
    std::string Error;
    bool Ok = false;
    try {
      Ok = analyzer::analyze(Opts, R, Error);
    } catch (const std::exception &E) {
      Error = E.what();
    } catch (...) {
      Error = "unknown exception";
    }
    if (!Ok) {
      std::cerr << "weft: internal error: " << Error << "\n";
      return ExitInternal;
    }
  }
  report::normalize(R);

  for (const std::string &F : Opts.Files)
    Supp.scanSource(F);
  Supp.apply(R);
  R.Errors.insert(R.Errors.end(), Supp.errors().begin(), Supp.errors().end());
  report::RenderOptions O;
  O.BaseDir = SrcRoot.empty() ? sourceRoot() : SrcRoot;
  O.DisplayDir = SrcRoot; // empty: the current directory
  if (!Baseline.empty())
    analyzer::applyBaseline(R, BaselinePrints, O);

  bool Written = true;
  if (!OutFile.empty()) {
    std::ofstream OS(OutFile);
    if (OS)
      report::render(OS, Fmt, R, O);
    Written = OS && static_cast<bool>(OS);
  } else if (Fmt == report::Format::Text) {
    O.Color = report::colorWanted(2);
    report::render(std::cerr, Fmt, R, O);
  } else {
    report::render(std::cout, Fmt, R, O);
    std::cout.flush();
  }
  if (!Written) {
    std::cerr << "weft: error: cannot write '" << OutFile << "'\n";
    return ExitUsage;
  }
  for (const analyzer::Suppression &S : Supp.unused()) {
    std::string What = S.FromComment ? "weft-ignore comment"
                                     : "suppression";
    // Some of its rules matched: name the ones that did not.
    if (S.Used)
      What = (S.Rules.size() > 1 ? "rules in " : "rule in ") + What;
    std::string Rules;
    for (const std::string &Rl : S.Rules)
      Rules += (Rules.empty() ? "" : ", ") + Rl;
    std::cerr << report::displayPath(S.Origin, O.DisplayDir) << ":"
              << S.OriginLine << ": note: unused " << What
              << " (" << Rules << "): no finding matches it\n";
  }
  for (const report::InputError &E : R.Errors)
    if (E.Internal)
      return ExitInternal;
  if (!R.Errors.empty())
    return ExitUsage;
  if (R.Findings.empty() || ExitZero)
    return ExitClean;
  return ExitFindings;
#endif
}

} // namespace weft::cli
