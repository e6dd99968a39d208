//===- analyzer/Analyzer.h - the static analyzer's entry point ------------===//
//
// The `weft analyze` command only parses its arguments and calls analyze();
// the engine stays embeddable and testable.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_ANALYZER_H
#define WEFT_ANALYZER_ANALYZER_H

#include "report/Finding.h"

#include <string>
#include <vector>

namespace weft::analyzer {

struct Options {
  /// Source files (C or C++) to analyze.
  std::vector<std::string> Files;
  /// Directory with compile_commands.json (-p). Empty: none; files are
  /// compiled with DefaultArgs + ExtraArgs.
  std::string BuildDir;
  /// Arguments after `--`, appended to every compile command.
  std::vector<std::string> ExtraArgs;
  /// Include directory of weft's runtime headers (<weft/threading.h>),
  /// added so samples analyze as they are.
  std::string WeftIncludeDir;
  /// Clang resource directory (builtin headers).
  std::string ResourceDir;
  /// Translation units parsed at once (-j). Output does not depend on it.
  unsigned Jobs = 1;
  /// The language of files with no known extension ("c" or "c++"; empty:
  /// the -x of ExtraArgs, else C++).
  std::string Language;
  /// Compiler errors kept per file (0: all of them).
  unsigned MaxErrors = 20;
  /// Print "[done/total] file" progress on stderr.
  bool Progress = false;
};

/// Analyzes every file; findings and per-file input errors go to \p Out.
/// Returns false only on an internal error (message in \p Error); a file
/// that does not parse is an InputError, and the others are still analyzed.
/// A file that crashes clang (or the analysis) is an InputError marked
/// Internal; the others are still analyzed.
bool analyze(const Options &Opts, report::Report &Out, std::string &Error);

} // namespace weft::analyzer

#endif
