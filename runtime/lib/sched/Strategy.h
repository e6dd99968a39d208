//===- runtime/lib/sched/Strategy.h - who runs next under control ---------===//
//
// The controlled scheduler (ControlledKernel) asks a Strategy at every
// scheduling point which actor runs next. A strategy is a small unit behind
// this three-method interface, one per file:
//   Random.cpp      random(seed): uniform choice at every point
//   Pct.cpp         pct(depth, seed[, length]): Burckhardt et al., ASPLOS 2010
//   RoundRobin.cpp  rr: the next actor in id order at every point
//   Replay.cpp      replay: the choices recorded in a trace, in order
//
// A candidate is either a runnable actor or an actor in a timed wait whose
// timeout may fire now ("the other actors were slow"): both are legal
// continuations, so the strategy decides. Strategies are deterministic
// functions of their seed and of the sequence of decisions they are shown;
// they never look at wall time or addresses.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_SCHED_STRATEGY_H
#define WEFT_RUNTIME_SCHED_STRATEGY_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace weft::core::sched {

struct Candidate {
  uint16_t Actor = 0;
  /// Choosing it fires the actor's timeout (it is in a timed wait).
  bool Timeout = false;
  /// The timeout's deadline (virtual ns) when Timeout is set.
  int64_t Deadline = 0;
};

/// One scheduling point. Candidates are sorted by actor id; at most one
/// entry per actor.
struct Decision {
  uint64_t Step = 0;     // 1, 2, ... every scheduling point of the run
  uint16_t Running = 0;  // the actor that ran until now (0: it blocked/ended)
  const std::vector<Candidate> *Candidates = nullptr;
};

/// Returned by next() when the strategy cannot choose (replay diverged).
inline constexpr size_t NoChoice = SIZE_MAX;

class Strategy {
public:
  virtual ~Strategy() = default;
  /// A new actor exists (called when it is spawned, before it can run).
  virtual void newActor(uint16_t Actor) = 0;
  /// The index of the candidate to run. Called at every scheduling point,
  /// also when there is a single candidate (PCT counts steps), so a
  /// strategy that draws random numbers must draw only for real choices.
  virtual size_t next(const Decision &D) = 0;
  /// For the trace header: "random", "pct:3", "rr", "replay".
  virtual std::string name() const = 0;
};

/// A recorded choice (a Schedule record of a trace).
struct RecordedChoice {
  uint16_t Actor = 0;
  bool Timeout = false;
};

std::unique_ptr<Strategy> makeRandom(uint64_t Seed);
/// \p Length: the expected number of scheduling points of a run (k in the
/// paper); the d-1 priority change points are drawn from [1, Length].
std::unique_ptr<Strategy> makePct(unsigned Depth, uint64_t Seed,
                                  uint64_t Length);
std::unique_ptr<Strategy> makeRoundRobin();
std::unique_ptr<Strategy> makeReplay(std::vector<RecordedChoice> Choices);

/// The splitmix64 generator: tiny, fast and the same everywhere (the
/// standard distributions are not specified bit for bit).
class Rng {
public:
  explicit Rng(uint64_t Seed) : State(Seed) {}
  uint64_t next() {
    uint64_t Z = (State += 0x9e3779b97f4a7c15ull);
    Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ull;
    Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebull;
    return Z ^ (Z >> 31);
  }
  /// Uniform in [0, N) (N > 0), by multiply-shift (bias < N / 2^64).
  uint64_t below(uint64_t N) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * N) >>
                                 64);
  }

private:
  uint64_t State;
};

} // namespace weft::core::sched

#endif
