//===- runtime/lib/sched/RoundRobin.cpp - rr ------------------------------===//
//
// At every point, the next runnable actor after the one that ran, in id
// order (wrapping around): the most switches a schedule can have, and no
// randomness. Timeouts fire only when no actor can run (the earliest
// deadline first), as if every operation took no time.
//===----------------------------------------------------------------------===//
#include "sched/Strategy.h"

namespace weft::core::sched {
namespace {

class RoundRobinStrategy final : public Strategy {
public:
  void newActor(uint16_t) override {}
  size_t next(const Decision &D) override {
    const std::vector<Candidate> &C = *D.Candidates;
    size_t First = NoChoice, After = NoChoice, Earliest = NoChoice;
    for (size_t I = 0; I < C.size(); ++I) {
      if (C[I].Timeout) {
        if (Earliest == NoChoice || C[I].Deadline < C[Earliest].Deadline)
          Earliest = I;
        continue;
      }
      if (First == NoChoice)
        First = I;
      if (After == NoChoice && C[I].Actor > D.Running)
        After = I;
    }
    if (After != NoChoice)
      return After;
    if (First != NoChoice)
      return First;
    return Earliest == NoChoice ? 0 : Earliest;
  }
  std::string name() const override { return "rr"; }
};

} // namespace

std::unique_ptr<Strategy> makeRoundRobin() {
  return std::make_unique<RoundRobinStrategy>();
}

} // namespace weft::core::sched
