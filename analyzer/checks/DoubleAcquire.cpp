//===- analyzer/checks/DoubleAcquire.cpp - double-acquire -----------------===//
//
// A non-recursive lock acquired (blocking) while this thread already holds
// it blocks forever. Reported only when the lock is held on *every* path
// reaching the acquisition (must-held), so correlated conditions
// (`if (c) m.lock(); if (c) m.lock();`) and loops that re-acquire on some
// iterations only stay silent. Recursive locks (RLock, recursive_mutex,
// pthread mutexes initialised with attributes) and try-locks are fine; a
// lock whose name has a non-constant index (forks[i]) may be another lock.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

namespace weft::analyzer {

void checkDoubleAcquire(const ProgramFacts &Facts,
                        std::vector<report::Finding> &Out) {
  for (const AcquireFact &A : Facts.Acquires) {
    const LockPath &P = Facts.Locks.path(A.Lock);
    if (!A.HeldOnEveryPath || P.Recursive || P.Imprecise)
      continue;
    std::string Name = quoted(Facts, A.Lock);
    std::string Msg =
        A.Via.empty()
            ? Name + " acquired here while already held by this thread "
                     "(self-deadlock)"
            : "this call acquires " + Name +
                  " while it is already held by this thread (self-deadlock)";
    report::Finding F = report::makeFinding(report::RuleId::DoubleAcquire,
                                            Msg, A.Site, "static");
    F.Notes = A.Via;
    F.Notes.push_back({A.HeldSince, Name + " first acquired here"});
    Out.push_back(std::move(F));
  }
}

} // namespace weft::analyzer
