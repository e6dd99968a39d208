//===- detect/WaitForGraph.cpp - who waits for what, who holds it --------===//
//
// Each actor waits for at most one resource and each resource has at most
// one holder, so the graph is a functional graph: following "waits for ->
// held by" from an actor either ends (someone can run) or comes back to an
// actor already seen. cycleFrom follows it in O(length).
//===----------------------------------------------------------------------===//
#include "detect/WaitForGraph.h"

#include <set>

namespace weft::detect {

void WaitForGraph::hold(ActorKey A, ResourceKey R, report::Location At) {
  auto It = Holds.find(R);
  if (It != Holds.end() && It->second.Actor == A) {
    ++It->second.Count;
    return;
  }
  Holds[R] = Hold{A, 1, std::move(At)};
}

void WaitForGraph::release(ActorKey A, ResourceKey R) {
  auto It = Holds.find(R);
  if (It == Holds.end())
    return;
  if (--It->second.Count == 0)
    Holds.erase(It);
}

void WaitForGraph::wait(ActorKey A, ResourceKey R, report::Location At,
                        bool Timed) {
  Waits[A] = Wait{R, std::move(At), Timed};
}

void WaitForGraph::stopWaiting(ActorKey A) { Waits.erase(A); }

std::optional<std::vector<WaitStep>> WaitForGraph::cycleFrom(ActorKey A) const {
  std::vector<WaitStep> Steps;
  std::set<ActorKey> Seen;
  ActorKey Cur = A;
  while (Seen.insert(Cur).second) {
    auto W = Waits.find(Cur);
    if (W == Waits.end() || W->second.Timed)
      return std::nullopt;
    auto H = Holds.find(W->second.Resource);
    if (H == Holds.end())
      return std::nullopt;
    Steps.push_back(WaitStep{Cur, W->second.Resource, W->second.At,
                             H->second.Actor, H->second.At});
    Cur = H->second.Actor;
    if (Cur == A)
      return Steps;
  }
  return std::nullopt; // a cycle, but one that A only waits on
}

std::optional<ActorKey> WaitForGraph::holder(ResourceKey R) const {
  auto It = Holds.find(R);
  if (It == Holds.end())
    return std::nullopt;
  return It->second.Actor;
}

std::vector<std::pair<ResourceKey, report::Location>>
WaitForGraph::heldBy(ActorKey A) const {
  std::vector<std::pair<ResourceKey, report::Location>> Out;
  for (const auto &[R, H] : Holds)
    if (H.Actor == A)
      Out.emplace_back(R, H.At);
  return Out;
}

} // namespace weft::detect
