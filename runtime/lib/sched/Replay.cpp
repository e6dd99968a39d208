//===- runtime/lib/sched/Replay.cpp - replay of a recorded schedule -------===//
//
// A trace records one Schedule record per real choice (two or more
// candidates): the chosen actor and whether the choice fired its timeout.
// Replay makes the same choices in the same order. When the recorded choice
// is not among the candidates, or the record runs out, the program no
// longer follows the schedule: next() returns NoChoice and the kernel
// reports the divergence.
//===----------------------------------------------------------------------===//
#include "sched/Strategy.h"

namespace weft::core::sched {
namespace {

class ReplayStrategy final : public Strategy {
public:
  explicit ReplayStrategy(std::vector<RecordedChoice> Choices)
      : Choices(std::move(Choices)) {}
  void newActor(uint16_t) override {}
  size_t next(const Decision &D) override {
    const std::vector<Candidate> &C = *D.Candidates;
    if (C.size() == 1)
      return 0;
    if (Index >= Choices.size())
      return NoChoice;
    const RecordedChoice &Want = Choices[Index++];
    for (size_t I = 0; I < C.size(); ++I)
      if (C[I].Actor == Want.Actor && C[I].Timeout == Want.Timeout)
        return I;
    return NoChoice;
  }
  std::string name() const override { return "replay"; }

private:
  std::vector<RecordedChoice> Choices;
  size_t Index = 0;
};

} // namespace

std::unique_ptr<Strategy> makeReplay(std::vector<RecordedChoice> Choices) {
  return std::make_unique<ReplayStrategy>(std::move(Choices));
}

} // namespace weft::core::sched
