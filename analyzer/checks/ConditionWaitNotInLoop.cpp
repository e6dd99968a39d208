//===- analyzer/checks/ConditionWaitNotInLoop.cpp -------------------------===//
//
// condition-wait-not-in-loop: a wait without a predicate (weft
// Condition.wait, std::condition_variable::wait(lk), pthread_cond_wait) that
// is not inside a while / for / do loop: a spurious or stolen wakeup goes on
// with the condition false.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

namespace weft::analyzer {

void checkConditionWaitNotInLoop(const ProgramFacts &Facts,
                                 std::vector<report::Finding> &Out) {
  for (const CondWaitFact &W : Facts.CondWaits)
    Out.push_back(report::makeFinding(
        report::RuleId::ConditionWaitNotInLoop,
        W.Call + " is not in a loop that re-tests the condition; it may "
                 "return while the condition is still false",
        W.Site, "static"));
}

} // namespace weft::analyzer
