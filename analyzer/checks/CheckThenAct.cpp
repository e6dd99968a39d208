//===- analyzer/checks/CheckThenAct.cpp - check-then-act ------------------===//
//
// Two shapes:
//  * a queue tested (empty(), qsize(), full()) in a condition, then get() or
//    put() on the same queue in what the condition guards, with no critical
//    section spanning both. get after a stale check can block forever or
//    raise Empty: a warning; put after a stale full()/qsize() only blocks
//    for a while: a note.
//  * a shared value tested in a condition and written in what it guards,
//    each under a lock but in different critical sections ("check balance,
//    release, sleep, acquire, withdraw"). Without any lock the same code is
//    a data race and is reported as one.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

namespace weft::analyzer {

void checkCheckThenAct(const ProgramFacts &Facts,
                       std::vector<report::Finding> &Out) {
  for (const QueueCheckFact &Q : Facts.QueueChecks) {
    if (Q.Covered)
      continue;
    std::string Msg = "'" + Q.Queue + "." + Q.CheckCall +
                      "()' is checked here, then '" + Q.Queue + "." +
                      Q.ActCall + "()' acts on it at line " +
                      std::to_string(Q.Act.Line) +
                      " without a lock covering both; another thread may " +
                      (Q.ActIsGet ? "empty" : "fill") + " the queue in between";
    report::Finding F = report::makeFinding(report::RuleId::CheckThenAct, Msg,
                                            Q.Check, "static");
    if (!Q.ActIsGet)
      F.Sev = report::Severity::Note;
    F.Notes.push_back({Q.Act, "'" + Q.Queue + "." + Q.ActCall +
                                  "()' relies on the stale check here"});
    Out.push_back(std::move(F));
  }
  for (const ValueCheckFact &V : Facts.ValueChecks) {
    std::string Msg = "'" + V.Where + "' is checked here and written at line " +
                      std::to_string(V.Write.Line) +
                      " in a different critical section; another thread can "
                      "change it in between";
    report::Finding F = report::makeFinding(report::RuleId::CheckThenAct, Msg,
                                            V.Check, "static");
    F.Notes.push_back({V.Write, "'" + V.Where + "' written here"});
    if (V.CheckSince.Line)
      F.Notes.push_back({V.CheckSince, "the check's critical section begins here"});
    if (V.WriteSince.Line)
      F.Notes.push_back({V.WriteSince, "the write's critical section begins here"});
    Out.push_back(std::move(F));
  }
}

} // namespace weft::analyzer
