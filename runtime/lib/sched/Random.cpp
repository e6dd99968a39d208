//===- runtime/lib/sched/Random.cpp - random(seed) ------------------------===//
//
// At every real choice (two or more candidates), one of them uniformly at
// random. Simple and often enough: most concurrency bugs of students'
// programs need one or two "unlucky" switches, which a few hundred random
// schedules hit.
//===----------------------------------------------------------------------===//
#include "sched/Strategy.h"

namespace weft::core::sched {
namespace {

class RandomStrategy final : public Strategy {
public:
  explicit RandomStrategy(uint64_t Seed) : R(Seed) {}
  void newActor(uint16_t) override {}
  size_t next(const Decision &D) override {
    size_t N = D.Candidates->size();
    return N == 1 ? 0 : static_cast<size_t>(R.below(N));
  }
  std::string name() const override { return "random"; }

private:
  Rng R;
};

} // namespace

std::unique_ptr<Strategy> makeRandom(uint64_t Seed) {
  return std::make_unique<RandomStrategy>(Seed);
}

} // namespace weft::core::sched
