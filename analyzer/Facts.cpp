//===- analyzer/Facts.cpp - lock names and the lock table -----------------===//
#include "analyzer/Facts.h"

#include <iterator>
#include <tuple>

namespace weft::analyzer {

bool locLess(const report::Location &A, const report::Location &B) {
  return std::tie(A.File, A.Line, A.Column) <
         std::tie(B.File, B.Line, B.Column);
}

bool ExitPoint::operator<(const ExitPoint &O) const {
  if (Loc == O.Loc)
    return Kind < O.Kind;
  return locLess(Loc, O.Loc);
}

std::string LockPath::display() const {
  // A field reached through `this` reads as the class's member.
  if (Root == RootKind::This && !Suffix.empty() && Suffix[0] == '.')
    return RootDisplay + "::" + Suffix.substr(1);
  return RootDisplay + Suffix;
}

LockPath LockPath::under(const LockPath &Outer) const {
  LockPath R = Outer;
  R.Suffix += Suffix;
  R.Imprecise = Outer.Imprecise || Imprecise;
  R.Recursive = Recursive;
  return R;
}

LockKey LockTable::intern(const LockPath &P) {
  std::string K = P.key();
  auto [It, New] = Ids.try_emplace(K, static_cast<LockKey>(Paths.size()));
  if (New) {
    Paths.push_back(P);
    if (RecursiveKeys.count(K))
      Paths.back().Recursive = true;
  } else if (P.Recursive) {
    Paths[It->second].Recursive = true;
  }
  return It->second;
}

void LockTable::markRecursive(const std::string &Key) {
  RecursiveKeys.insert(Key);
  auto It = Ids.find(Key);
  if (It != Ids.end())
    Paths[It->second].Recursive = true;
}

template <typename T> static void moveAll(std::vector<T> &Into,
                                           std::vector<T> &From) {
  Into.insert(Into.end(), std::make_move_iterator(From.begin()),
              std::make_move_iterator(From.end()));
}

void appendFacts(ProgramFacts &Into, ProgramFacts &&From) {
  auto Base = static_cast<uint32_t>(Into.Actors.size());
  for (ThreadActor &A : From.Actors) {
    A.Id += Base;
    for (uint32_t &P : A.ParallelWith)
      P += Base;
  }
  for (auto &[Id, D] : From.Functions) {
    for (DataAccess &A : D.Accesses)
      for (uint32_t &R : A.Running)
        R += Base;
    for (DataCall &C : D.Calls)
      for (uint32_t &R : C.Running)
        R += Base;
    Into.Functions.try_emplace(Id, std::move(D));
  }
  moveAll(Into.Actors, From.Actors);
  moveAll(Into.Acquires, From.Acquires);
  moveAll(Into.HeldAtExit, From.HeldAtExit);
  moveAll(Into.Edges, From.Edges);
  moveAll(Into.Releases, From.Releases);
  moveAll(Into.StartedTwice, From.StartedTwice);
  moveAll(Into.CondWaits, From.CondWaits);
  moveAll(Into.QueueChecks, From.QueueChecks);
  moveAll(Into.ValueChecks, From.ValueChecks);
  Into.CalledFunctions.merge(From.CalledFunctions);
  Into.ReleasedUnheld.merge(From.ReleasedUnheld);
  Into.LeakyParents.merge(From.LeakyParents);
}

} // namespace weft::analyzer
