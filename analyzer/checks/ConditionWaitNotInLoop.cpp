//===- analyzer/checks/ConditionWaitNotInLoop.cpp -------------------------===//
//
// condition-wait-not-in-loop: a wait without a predicate (weft
// Condition.wait, std::condition_variable::wait(lk), pthread_cond_wait) that
// is not inside a while / for / do loop: a spurious or stolen wakeup goes on
// with the condition false. A wait in a wrapper (leveldb's CondVar::Wait)
// is the wrapper's callers' business: not reported when the wrapper is
// called, and only from inside loops.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

namespace weft::analyzer {

void checkConditionWaitNotInLoop(const ProgramFacts &Facts,
                                 std::vector<report::Finding> &Out) {
  // Functions called somewhere outside a loop / inside one.
  std::set<std::string> Outside, Inside;
  for (const auto &[Id, D] : Facts.Functions)
    for (const DataCall &C : D.Calls)
      (C.InLoop ? Inside : Outside).insert(C.Callee);
  for (const CondWaitFact &W : Facts.CondWaits) {
    if (Inside.count(W.FunctionId) && !Outside.count(W.FunctionId))
      continue;
    Out.push_back(report::makeFinding(
        report::RuleId::ConditionWaitNotInLoop,
        W.Call + " is not in a loop that re-tests the condition; it may "
                 "return while the condition is still false",
        W.Site, "static"));
  }
}

} // namespace weft::analyzer
