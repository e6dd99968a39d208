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
  Waits[A] = Wait{R, std::move(At), Timed, /*Join=*/false};
}

void WaitForGraph::waitForEnd(ActorKey A, ActorKey Target, report::Location At,
                              bool Timed) {
  Waits[A] = Wait{Target, std::move(At), Timed, /*Join=*/true};
}

void WaitForGraph::park(ActorKey A, ResourceKey Object, report::Location At,
                        bool Timed) {
  Waits[A] = Wait{Object, std::move(At), Timed, /*Join=*/false, /*Parked=*/true};
}

void WaitForGraph::stopWaiting(ActorKey A) { Waits.erase(A); }

void WaitForGraph::ended(ActorKey A) {
  Waits.erase(A);
  Ended.insert(A);
  for (auto It = Waits.begin(); It != Waits.end();)
    if (It->second.Join && It->second.Resource == A)
      It = Waits.erase(It);
    else
      ++It;
}

std::optional<WaitStep> WaitForGraph::waitOf(ActorKey A) const {
  auto W = Waits.find(A);
  if (W == Waits.end())
    return std::nullopt;
  WaitStep S{A, W->second.Resource, W->second.At, 0, {}, W->second.Join,
             W->second.Parked};
  if (W->second.Parked) {
    // Nobody holds it: whoever could wake it is not known.
  } else if (W->second.Join) {
    S.Holder = W->second.Resource;
  } else if (auto H = Holds.find(W->second.Resource); H != Holds.end()) {
    S.Holder = H->second.Actor;
    S.HeldAt = H->second.At;
  }
  return S;
}

bool WaitForGraph::stuck(ActorKey A) const {
  auto W = Waits.find(A);
  if (W == Waits.end() || W->second.Timed)
    return false;
  if (W->second.Parked)
    return true; // parked until someone wakes it (WaitWake ends the wait)
  if (W->second.Join)
    return !Ended.count(W->second.Resource);
  return Holds.count(W->second.Resource) != 0;
}

std::optional<std::vector<WaitStep>> WaitForGraph::cycleFrom(ActorKey A) const {
  std::vector<WaitStep> Steps;
  std::set<ActorKey> Seen;
  ActorKey Cur = A;
  while (Seen.insert(Cur).second) {
    if (!stuck(Cur))
      return std::nullopt;
    std::optional<WaitStep> S = waitOf(Cur);
    if (S->Parked)
      return std::nullopt; // no holder: only "everyone stuck" can tell
    Steps.push_back(*S);
    Cur = S->Holder;
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
