//===- analyzer/Lockset.h - flow-sensitive lockset analysis of one TU -----===//
//
// For every function with a body in a translation unit (user code only:
// system headers and weft's own headers are skipped), walks Clang's CFG
// (with implicit destructors, so RAII guards release where their scope
// ends) and computes, per program point, the locks held with their acquire
// sites. The result is facts (Facts.h): acquisitions with what was held
// there, locks held at function exits, and lock-order edges. Calls to
// functions of the same TU apply the callee's summary. See README.md.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_LOCKSET_H
#define WEFT_ANALYZER_LOCKSET_H

#include "analyzer/Facts.h"

#include <string>

namespace clang {
class ASTContext;
}

namespace weft::analyzer {

class ApiModel;

/// Analyzes every user function of \p Ctx's translation unit and appends
/// its facts to \p Facts. Functions declared in files under \p SkipDir
/// (weft's runtime headers) are not analyzed.
void analyzeTranslationUnit(clang::ASTContext &Ctx, const ApiModel &Model,
                            ProgramFacts &Facts, const std::string &SkipDir);

} // namespace weft::analyzer

#endif
