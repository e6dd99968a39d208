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

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace weft::analyzer {

class ApiModel;
namespace lockset {
struct SummaryBank;
} // namespace lockset

/// What one translation unit's analysis shares with the other units of a
/// run: the bank of summaries (read for callees defined elsewhere, written
/// with the unit's own functions) and the external summaries it saw
/// (function id -> SummaryBank::signature), so the run can tell which
/// units to analyze again once every unit has left its summaries.
struct UnitLink {
  lockset::SummaryBank *Bank = nullptr;
  std::map<std::string, std::string> Seen;
};

/// The "acquisition site" held() gives for a lock held since the function
/// was entered (REQUIRES, an assertion, a condition wait): one critical
/// section with every other statement that sees it so.
constexpr unsigned EntrySite = ~0u;

/// Told which locks are held at chosen statements (Races.cpp uses it for
/// the locks held at each access). held() is called once per path state
/// reaching the statement, with (lock, raw location of its acquisition).
class LocksetObserver {
public:
  virtual ~LocksetObserver() = default;
  virtual bool wants(const clang::Stmt *S) const = 0;
  virtual void held(const clang::Stmt *S,
                    const std::vector<std::pair<LockKey, unsigned>> &Held) = 0;
};

/// Analyzes every user function of \p Ctx's translation unit and appends
/// its facts to \p Facts. Functions declared in files under \p SkipDir
/// (weft's runtime headers) are not analyzed. \p Functions: the user
/// functions (UserCode.h userFunctions()) if the caller has them already.
/// \p Link: summaries shared with the run's other units (null: none).
void analyzeTranslationUnit(
    clang::ASTContext &Ctx, const ApiModel &Model, ProgramFacts &Facts,
    const std::string &SkipDir, LocksetObserver *Observer = nullptr,
    const std::vector<const clang::FunctionDecl *> *Functions = nullptr,
    UnitLink *Link = nullptr);

} // namespace weft::analyzer

#endif
