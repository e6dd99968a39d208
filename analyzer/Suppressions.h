//===- analyzer/Suppressions.h - weft-ignore comments, files, baselines ---===//
//
// What `weft analyze` does after the analysis, without Clang:
//  * `// weft-ignore(rule-id[, rule-id...]): reason` on a finding's line or
//    on the line before suppresses it (`*` for every rule);
//  * a suppressions file (--suppressions FILE): one `RULE PATH[:LINE]` per
//    line, `#` comments; PATH is a glob matched against the end of the
//    finding's path (`*` as RULE: every rule);
//  * a baseline (--baseline OLD.sarif): findings whose partialFingerprints
//    ("weftFinding/v1") were already in it are dropped, so only new ones
//    fail the build. Each baseline result absorbs one finding.
// Rule names are checked (report::lookupRule): an unknown one is an error
// naming the known rules. Every rule of a suppression that matched nothing
// is listed so it can be removed.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_SUPPRESSIONS_H
#define WEFT_ANALYZER_SUPPRESSIONS_H

#include "report/Finding.h"
#include "report/Render.h"

#include <map>
#include <string>
#include <vector>

namespace weft::analyzer {

struct Suppression {
  std::vector<std::string> Rules; // "*" matches all
  std::vector<bool> RuleUsed;     // per entry of Rules
  std::string File;               // comment: absolute path; file: a glob
  unsigned Line = 0;              // 0: any line (suppressions file)
  bool FromComment = false;
  std::string Origin;             // where the suppression itself is written
  unsigned OriginLine = 0;
  bool Used = false; // any of its rules matched
};

class Suppressions {
public:
  /// Reads a suppressions file. False (with a message) if it cannot.
  bool loadFile(const std::string &Path, std::string &Error);
  /// Collects the weft-ignore comments of a source file (once per file).
  void scanSource(const std::string &File);
  /// Removes suppressed findings from \p R (scanning their files first).
  void apply(report::Report &R);
  /// The suppressions with rules that matched nothing; each keeps only
  /// those rules in Rules (Used tells whether its other rules matched).
  std::vector<Suppression> unused() const;
  /// Unknown rule names in weft-ignore comments (file, line, message).
  const std::vector<report::InputError> &errors() const { return Errors; }

private:
  bool matches(Suppression &S, const report::Finding &F,
               const std::string &Abs) const;
  bool where(const Suppression &S, const report::Finding &F,
             const std::string &Abs) const;
  std::vector<Suppression> List;
  std::map<std::string, bool> Scanned;
  std::vector<report::InputError> Errors;
};

/// The fingerprints of a SARIF file's results, with their counts.
bool loadBaseline(const std::string &SarifPath,
                  std::map<std::string, unsigned> &Fingerprints,
                  std::string &Error);
/// Drops the findings of \p R already in the baseline; returns how many.
size_t applyBaseline(report::Report &R,
                     std::map<std::string, unsigned> Fingerprints,
                     const report::RenderOptions &O);

} // namespace weft::analyzer

#endif
