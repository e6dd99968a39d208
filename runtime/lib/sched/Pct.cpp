//===- runtime/lib/sched/Pct.cpp - pct(depth, seed) -----------------------===//
//
// Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi,
// Nagarakatte, ASPLOS 2010). Every actor gets a random priority when it is
// created (a random key: the new actor lands at a uniformly random place of
// the order); d-1 change points k_1..k_{d-1} are drawn uniformly from [1, k],
// where k is the expected number of scheduling points of a run. At every
// point the highest-priority candidate runs; when the run reaches step k_i,
// the actor that executed that step drops to priority i, below every
// initial priority. For a program with n actors and k steps, a bug of depth
// d (d ordering constraints between operations) is found by one run with
// probability at least 1 / (n * k^(d-1)). A timed wait's timeout fires only
// when no thread can run (see next()).
//===----------------------------------------------------------------------===//
#include "sched/Strategy.h"

#include <algorithm>
#include <map>

namespace weft::core::sched {
namespace {

class PctStrategy final : public Strategy {
public:
  PctStrategy(unsigned Depth, uint64_t Seed, uint64_t Length)
      : R(Seed), Depth(Depth) {
    for (unsigned I = 1; I < Depth; ++I)
      ChangePoints.push_back({1 + R.below(Length), I});
    std::sort(ChangePoints.begin(), ChangePoints.end());
  }

  void newActor(uint16_t A) override {
    // A random key in the upper half: the same as inserting the new actor
    // at a uniformly random place of the priority order (ties, which have
    // probability 2^-63, go to the lower id).
    Prio[A] = (uint64_t(1) << 63) | (R.next() >> 1);
  }

  size_t next(const Decision &D) override {
    while (NextChange < ChangePoints.size() &&
           ChangePoints[NextChange].first <= D.Step) {
      lower(D.Running, ChangePoints[NextChange].second);
      ++NextChange;
    }
    const std::vector<Candidate> &C = *D.Candidates;
    if (C.size() == 1)
      return 0;
    // A timeout fires only when no thread can run (the earliest first): a
    // high-priority thread in a `while (...) cond.wait(t)` loop would
    // otherwise fire its own timeout for ever and starve the others (PCT
    // assumes that every schedule terminates). Random explores early
    // timeouts.
    size_t Best = NoChoice;
    uint64_t BestPrio = 0;
    for (size_t I = 0; I < C.size(); ++I) {
      if (C[I].Timeout)
        continue;
      uint64_t P = priority(C[I].Actor);
      if (Best == NoChoice || P > BestPrio) {
        BestPrio = P;
        Best = I;
      }
    }
    if (Best != NoChoice)
      return Best;
    Best = 0;
    for (size_t I = 1; I < C.size(); ++I)
      if (C[I].Deadline < C[Best].Deadline)
        Best = I;
    return Best;
  }

  std::string name() const override { return "pct:" + std::to_string(Depth); }

private:
  /// Initial priorities are keys >= 2^63; lowered ones are 1..Depth-1.
  uint64_t priority(uint16_t A) const {
    auto It = Prio.find(A);
    return It == Prio.end() ? 0 : It->second;
  }
  void lower(uint16_t A, unsigned To) {
    if (A != 0)
      Prio[A] = To;
  }

  Rng R;
  unsigned Depth;
  std::vector<std::pair<uint64_t, unsigned>> ChangePoints; // (step, prio)
  size_t NextChange = 0;
  std::map<uint16_t, uint64_t> Prio; // higher runs first
};

} // namespace

std::unique_ptr<Strategy> makePct(unsigned Depth, uint64_t Seed,
                                  uint64_t Length) {
  return std::make_unique<PctStrategy>(Depth, Seed, Length ? Length : 1);
}

} // namespace weft::core::sched
