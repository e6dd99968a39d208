//===- runtime/lib/sched/Spec.h - parse WEFT_SCHEDULE ---------------------===//
//
// The one parser of a schedule specification, shared by the runtime
// (WEFT_SCHEDULE) and the CLI (`weft run --schedule`, `weft explore`):
//   random:SEED | pct:DEPTH:SEED[:LENGTH] | rr | replay:TRACE
// Header-only so the CLI need not link the runtime.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_SCHED_SPEC_H
#define WEFT_RUNTIME_SCHED_SPEC_H

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace weft::core::sched {

/// PCT's default run length estimate (scheduling points) when none is given.
inline constexpr uint64_t DefaultPctLength = 200;

struct ScheduleSpec {
  enum Kind { Random, Pct, RoundRobin, Replay } K = Random;
  uint64_t Seed = 0;
  unsigned Depth = 0;
  uint64_t Length = DefaultPctLength;
  std::string TracePath; // replay
  /// The header's Strategy field.
  std::string strategyName() const {
    switch (K) {
    case Random: return "random";
    case Pct: return "pct:" + std::to_string(Depth);
    case RoundRobin: return "rr";
    case Replay: return "replay";
    }
    return "";
  }
};

inline bool parseUnsigned(std::string_view S, uint64_t &Out) {
  if (S.empty() || S.size() > 20)
    return false;
  uint64_t V = 0;
  for (char C : S) {
    if (C < '0' || C > '9')
      return false;
    uint64_t D = static_cast<uint64_t>(C - '0');
    if (V > (UINT64_MAX - D) / 10)
      return false;
    V = V * 10 + D;
  }
  Out = V;
  return true;
}

/// Parses \p S; on failure returns false and sets \p Error (what was
/// expected).
inline bool parseSchedule(std::string_view S, ScheduleSpec &Out,
                          std::string &Error) {
  Error = "random:SEED, pct:DEPTH:SEED, rr or replay:TRACE";
  auto Field = [&](size_t &Pos) {
    size_t Colon = S.find(':', Pos);
    std::string_view F = S.substr(Pos, Colon == std::string_view::npos
                                           ? std::string_view::npos
                                           : Colon - Pos);
    Pos = Colon == std::string_view::npos ? S.size() + 1 : Colon + 1;
    return F;
  };
  size_t Pos = 0;
  std::string_view Name = Field(Pos);
  ScheduleSpec Spec;
  if (Name == "rr" || Name == "round-robin") {
    if (Pos <= S.size())
      return false;
    Spec.K = ScheduleSpec::RoundRobin;
  } else if (Name == "random") {
    Spec.K = ScheduleSpec::Random;
    if (Pos > S.size() || !parseUnsigned(Field(Pos), Spec.Seed) ||
        Pos <= S.size())
      return false;
  } else if (Name == "pct") {
    Spec.K = ScheduleSpec::Pct;
    uint64_t Depth = 0;
    if (Pos > S.size() || !parseUnsigned(Field(Pos), Depth) || Depth < 1 ||
        Depth > 64)
      return false;
    Spec.Depth = static_cast<unsigned>(Depth);
    if (Pos > S.size() || !parseUnsigned(Field(Pos), Spec.Seed))
      return false;
    if (Pos <= S.size() &&
        (!parseUnsigned(Field(Pos), Spec.Length) || Spec.Length == 0 ||
         Pos <= S.size()))
      return false;
  } else if (Name == "replay") {
    Spec.K = ScheduleSpec::Replay;
    if (Pos > S.size() || S.size() == Pos)
      return false;
    Spec.TracePath = std::string(S.substr(Pos));
  } else {
    return false;
  }
  Out = Spec;
  Error.clear();
  return true;
}

} // namespace weft::core::sched

#endif
