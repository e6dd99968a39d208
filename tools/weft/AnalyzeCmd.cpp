//===- tools/weft/AnalyzeCmd.cpp - `weft analyze` -------------------------===//
#include "Cli.h"

#ifdef WEFT_HAVE_ANALYZER
#include "analyzer/Analyzer.h"
#endif

#include <iostream>
#include <sys/stat.h>

namespace weft::cli {

int cmdAnalyze(const Args &A) {
#ifndef WEFT_HAVE_ANALYZER
  (void)A;
  std::cerr << "weft: error: this weft was built without the analyzer "
               "(-DWEFT_BUILD_ANALYZER=OFF)\n";
  return ExitUsage;
#else
  analyzer::Options Opts;
  report::Format Fmt = report::Format::Text;
  std::string OutFile;
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
        return usageError("analyze", "unknown format '" + *V +
                                         "' (expected text, json or sarif)");
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
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("analyze", "unknown option '" + A[I] + "'");
    Opts.Files.push_back(A[I]);
  }
  if (Opts.Files.empty() && Opts.BuildDir.empty())
    return usageError("analyze", "no input files (give files, or -p BUILD_DIR "
                                 "to analyze every file of its database)");

  report::Report R;
  R.Tool = "weft analyze";
  // A missing file is an input error for that file; the rest still run.
  std::vector<std::string> Existing;
  for (const std::string &F : Opts.Files) {
    struct stat St;
    if (stat(F.c_str(), &St) != 0 || !S_ISREG(St.st_mode))
      R.Errors.push_back({F, "no such file"});
    else
      Existing.push_back(F);
  }
  if (!Opts.BuildDir.empty()) {
    struct stat St;
    std::string Db = Opts.BuildDir + "/compile_commands.json";
    if (stat(Db.c_str(), &St) != 0)
      return usageError("analyze", "no compile_commands.json in '" +
                                       Opts.BuildDir + "'");
  }
  Opts.Files = Existing;
  Opts.WeftIncludeDir = toolchain().IncludeDir;
  std::string Error;
  bool Any = !Opts.Files.empty() || (!Opts.BuildDir.empty() && R.Errors.empty());
  if (Any && !analyzer::analyze(Opts, R, Error)) {
    std::cerr << "weft: internal error: " << Error << "\n";
    return ExitInternal;
  }
  report::normalize(R);
  if (!emitReport(R, Fmt, OutFile)) {
    std::cerr << "weft: error: cannot write '" << OutFile << "'\n";
    return ExitUsage;
  }
  if (!R.Errors.empty())
    return ExitUsage;
  return R.Findings.empty() ? ExitClean : ExitFindings;
#endif
}

} // namespace weft::cli
