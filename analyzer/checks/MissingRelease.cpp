//===- analyzer/checks/MissingRelease.cpp - missing-release ---------------===//
//
// A lock acquired in a function and still held when the function exits
// (return, end of body, throw) on some path. RAII guards release at their
// scope's end, so they only count when released too late never.
//
// A function that returns holding the lock on *every* path may be meant to
// (lock_both(), a wrapper's lock()): then its callers are checked instead,
// through its summary, and it is reported itself only when nothing calls
// it (a thread body, main) and no function releases that lock without
// acquiring it (the wrapper's unlock(), a hand-off). A function that
// returns the result of a try-lock (`return m.try_lock();` style) is not
// reported for it either.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

namespace weft::analyzer {

static std::string exitPhrase(const ExitPoint &E) {
  std::string Line = std::to_string(E.Loc.Line);
  switch (E.Kind) {
  case ExitKind::Return: return "when the function returns at line " + Line;
  case ExitKind::End: return "when the function ends at line " + Line;
  case ExitKind::Throw: return "when the function throws at line " + Line;
  }
  return "";
}

static std::string exitNote(const ExitPoint &E, const std::string &Name) {
  switch (E.Kind) {
  case ExitKind::Return: return "returns here with " + Name + " held";
  case ExitKind::End: return "the function ends here with " + Name + " held";
  case ExitKind::Throw: return "throws here with " + Name + " held";
  }
  return "";
}

void checkMissingRelease(const ProgramFacts &Facts,
                         std::vector<report::Finding> &Out) {
  for (const HeldAtExitFact &H : Facts.HeldAtExit) {
    if (H.Exits.empty())
      continue;
    if (H.FromTry && H.ReturnsValue)
      continue; // "returns true iff it took the lock"
    if (H.HeldOnEveryExit &&
        (Facts.CalledFunctions.count(H.FunctionId) ||
         Facts.ReleasedUnheld.count(Facts.Locks.path(H.Lock).key())))
      continue;
    std::string Name = quoted(Facts, H.Lock);
    std::string Msg = Name + " acquired here is not released " +
                      exitPhrase(H.Exits.front());
    if (H.Exits.size() > 1)
      Msg += " (and " + std::to_string(H.Exits.size() - 1) + " more exit" +
             (H.Exits.size() > 2 ? "s" : "") + ")";
    report::Finding F = report::makeFinding(report::RuleId::MissingRelease,
                                            Msg, H.AcquiredAt, "static");
    F.Notes = H.Via;
    for (size_t I = 0; I < H.Exits.size() && I < 3; ++I)
      F.Notes.push_back({H.Exits[I].Loc, exitNote(H.Exits[I], Name)});
    Out.push_back(std::move(F));
  }
}

} // namespace weft::analyzer
