//===- analyzer/checks/ReleaseUnheld.cpp - release-unheld -----------------===//
//
// A release of a lock that is held on no path reaching it. Reported when the
// function also acquires that lock itself (a second release: `m.unlock();
// m.unlock();`), or when nothing calls the function and the lock is not a
// parameter's (a thread body or main releasing what it never took). A
// function that releases a lock its caller took (a wrapper's unlock(), a
// hand-off) is fine.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

#include <set>

namespace weft::analyzer {

void checkReleaseUnheld(const ProgramFacts &Facts,
                        std::vector<report::Finding> &Out) {
  // After a self-deadlock the path does not go on: its releases are moot.
  std::set<std::pair<std::string, LockKey>> Deadlocked;
  for (const AcquireFact &A : Facts.Acquires)
    if (A.HeldOnSomePath && !Facts.Locks.recursive(A.Lock))
      Deadlocked.insert({A.Function, A.Lock});
  for (const ReleaseFact &R : Facts.Releases) {
    if (R.HeldOnSomePath || R.Parametric ||
        Deadlocked.count({R.Function, R.Lock}))
      continue;
    if (!R.AcquiredInFunction && Facts.CalledFunctions.count(R.FunctionId))
      continue;
    if (!R.AcquiredInFunction &&
        Facts.Locks.path(R.Lock).Root == RootKind::This)
      continue;
    std::string Name = quoted(Facts, R.Lock);
    std::string Msg =
        R.AcquiredInFunction
            ? Name + " released here although it is not held on any path "
                     "reaching this release (already released)"
            : Name + " released here but never acquired by this thread";
    Out.push_back(report::makeFinding(report::RuleId::ReleaseUnheld, Msg,
                                      R.Site, "static"));
  }
}

} // namespace weft::analyzer
