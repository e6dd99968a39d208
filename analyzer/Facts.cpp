//===- analyzer/Facts.cpp - lock names and the lock table -----------------===//
#include "analyzer/Facts.h"

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

} // namespace weft::analyzer
