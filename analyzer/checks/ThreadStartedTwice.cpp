//===- analyzer/checks/ThreadStartedTwice.cpp - thread-started-twice ------===//
//
// start() on a weft Thread object that a path already started (Threads.cpp
// tracks the started objects of each function along its CFG; declaring the
// object again, as in a loop body, forgets it).
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

namespace weft::analyzer {

void checkThreadStartedTwice(const ProgramFacts &Facts,
                             std::vector<report::Finding> &Out) {
  for (const StartTwiceFact &S : Facts.StartedTwice) {
    bool Loop = S.Site == S.First;
    std::string Msg = "thread '" + S.Object + "' is started again here" +
                      std::string(Loop ? " (in a loop)" : "") +
                      "; a thread can be started only once (RuntimeError)";
    report::Finding F = report::makeFinding(
        report::RuleId::ThreadStartedTwice, Msg, S.Site, "static");
    if (!Loop)
      F.Notes.push_back({S.First, "first started here"});
    Out.push_back(std::move(F));
  }
}

} // namespace weft::analyzer
