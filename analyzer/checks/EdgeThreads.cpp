//===- analyzer/checks/EdgeThreads.cpp - which threads can form an edge ---===//
// See EdgeThreads.h.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/EdgeThreads.h"

#include <algorithm>

namespace weft::analyzer {

EdgeThreads::EdgeThreads(const ProgramFacts &Facts) : Facts(Facts) {
  for (const OrderEdge &E : Facts.Edges)
    ByPair[{E.From, E.To}].push_back(&E);
  // Every function each entry reaches through direct calls.
  auto Reach = [&](const std::string &Entry, int Ctx) {
    std::vector<std::string> Work{Entry};
    std::set<std::string> Seen{Entry};
    while (!Work.empty()) {
      std::string F = std::move(Work.back());
      Work.pop_back();
      std::vector<int> &R = Runs[F];
      if (std::find(R.begin(), R.end(), Ctx) == R.end())
        R.push_back(Ctx);
      auto It = Facts.Functions.find(F);
      if (It == Facts.Functions.end())
        continue;
      for (const DataCall &C : It->second.Calls)
        if (Seen.insert(C.Callee).second)
          Work.push_back(C.Callee);
    }
  };
  for (const ThreadActor &A : Facts.Actors)
    if (!A.Process)
      Reach(A.Target, static_cast<int>(A.Id));
  for (const auto &[Id, D] : Facts.Functions)
    if (D.Name == "main")
      Reach(Id, Main);
}

const std::vector<int> &EdgeThreads::contexts(const std::string &Fn) const {
  auto It = Runs.find(Fn);
  return It == Runs.end() ? UnknownOnly : It->second;
}

bool EdgeThreads::joins(const std::string &Fn,
                        const std::string &Handle) const {
  auto [It, New] = JoinMemo.try_emplace({Fn, Handle}, false);
  if (!New)
    return It->second; // (also: false while being computed, for recursion)
  auto F = Facts.Functions.find(Fn);
  if (F == Facts.Functions.end())
    return false;
  bool R = false;
  for (const auto &[H, Site] : F->second.Joins)
    R |= H == Handle;
  for (const DataCall &C : F->second.Calls)
    if (!R)
      R = joins(C.Callee, Handle);
  JoinMemo[{Fn, Handle}] = R;
  return R;
}

bool EdgeThreads::joinedBefore(const OrderEdge &E, int Actor) const {
  const ThreadActor &A = Facts.Actors[static_cast<size_t>(Actor)];
  if (A.Handle.empty())
    return false;
  auto F = Facts.Functions.find(E.FunctionId);
  if (F == Facts.Functions.end())
    return false;
  for (const auto &[H, Site] : F->second.Joins)
    if (H == A.Handle && locLess(Site, E.Where))
      return true;
  for (const DataCall &C : F->second.Calls)
    if (locLess(C.Site, E.Where) && !C.InLoop && joins(C.Callee, A.Handle))
      return true;
  return false;
}

bool EdgeThreads::together(int CA, const OrderEdge &A, int CB,
                           const OrderEdge &B) const {
  if (CA == Unknown || CB == Unknown)
    return true;
  if (CA == CB)
    return CA != Main && Facts.Actors[static_cast<size_t>(CA)].SelfParallel;
  if (CA == Main)
    return !joinedBefore(A, CB);
  if (CB == Main)
    return !joinedBefore(B, CA);
  return true;
}

bool EdgeThreads::feasible(const std::vector<LockKey> &Cycle) const {
  size_t N = Cycle.size();
  // The choices of each edge: (formation, context).
  std::vector<std::vector<std::pair<const OrderEdge *, int>>> Options(N);
  for (size_t I = 0; I < N; ++I) {
    auto It = ByPair.find({Cycle[I], Cycle[(I + 1) % N]});
    if (It == ByPair.end())
      return true;
    for (const OrderEdge *E : It->second)
      for (int C : contexts(E->FunctionId))
        Options[I].emplace_back(E, C);
  }
  std::vector<std::pair<const OrderEdge *, int>> Chosen;
  size_t Tries = 0;
  auto Search = [&](auto &Self, size_t I) -> bool {
    if (I == N)
      return true;
    for (const auto &[E, C] : Options[I]) {
      if (++Tries > MaxTries)
        return true;
      bool Ok = std::all_of(Chosen.begin(), Chosen.end(), [&](const auto &P) {
        return together(P.second, *P.first, C, *E);
      });
      if (!Ok)
        continue;
      Chosen.emplace_back(E, C);
      if (Self(Self, I + 1))
        return true;
      Chosen.pop_back();
    }
    return false;
  };
  return Search(Search, 0);
}

} // namespace weft::analyzer
