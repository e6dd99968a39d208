//===- analyzer/checks/Checks.cpp - the check registry ---------------------===//
#include "analyzer/checks/Checks.h"

#include <algorithm>
#include <tuple>

namespace weft::analyzer {

std::string quoted(const ProgramFacts &Facts, LockKey L) {
  return "'" + Facts.Locks.display(L) + "'";
}

static auto sortKey(const report::Finding &F) {
  return std::tie(F.Loc.File, F.Loc.Line, F.Loc.Column, F.Rule, F.Message);
}

std::vector<report::Finding> runChecks(const ProgramFacts &Facts) {
  std::vector<report::Finding> Out;
#define WEFT_CHECK(Function, Id) Function(Facts, Out);
#include "analyzer/checks/Checks.def"
  std::sort(Out.begin(), Out.end(),
                   [](const report::Finding &A, const report::Finding &B) {
                     return sortKey(A) < sortKey(B);
                   });
  // A function in a header is analyzed once per translation unit that
  // includes it: the same finding, once.
  Out.erase(std::unique(Out.begin(), Out.end(),
                        [](const report::Finding &A,
                           const report::Finding &B) {
                          return sortKey(A) == sortKey(B);
                        }),
            Out.end());
  return Out;
}

} // namespace weft::analyzer
