//===- detect/WaitForGraph.cpp - who waits for what, who holds it --------===//
//
// Each actor waits for at most one resource and each resource has at most
// one holder, so the graph is a functional graph: following "waits for ->
// held by" from an actor either ends (someone can run) or comes back to an
// actor already seen. cycleFrom follows it in O(length), first by ids only,
// and builds the steps (resolving sites) only for a cycle.
//===----------------------------------------------------------------------===//
#include "detect/WaitForGraph.h"

namespace weft::detect {

WaitForGraph::SiteRef WaitForGraph::own(report::Location At) {
  OwnLocs.push_back(std::move(At));
  return SiteRef{static_cast<uint32_t>(OwnLocs.size() - 1), /*Own=*/true};
}

report::Location WaitForGraph::location(SiteRef S) const {
  if (S.Own)
    return OwnLocs[S.Id];
  return Resolve ? Resolve(S.Id) : report::Location{};
}

const WaitForGraph::Wait *WaitForGraph::activeWait(ActorKey A) const {
  const Wait *W = Waits.find(A);
  return W && W->Active ? W : nullptr;
}

const WaitForGraph::Hold *WaitForGraph::activeHold(ResourceKey R) const {
  const Hold *H = Holds.find(R);
  return H && H->Count != 0 ? H : nullptr;
}

void WaitForGraph::hold(ActorKey A, ResourceKey R, SiteId At) {
  Hold &H = Holds[R]; // a node only the first time R is held
  if (H.Count != 0 && H.Actor == A) {
    ++H.Count;
    return;
  }
  H = Hold{A, 1, SiteRef{At.Id, false}};
}

void WaitForGraph::hold(ActorKey A, ResourceKey R, report::Location At) {
  Hold *H = Holds.find(R);
  if (H && H->Count != 0 && H->Actor == A) {
    ++H->Count;
    return;
  }
  Holds[R] = Hold{A, 1, own(std::move(At))};
}

void WaitForGraph::release(ActorKey A, ResourceKey R) {
  (void)A;
  Hold *H = Holds.find(R);
  if (!H || H->Count == 0)
    return;
  --H->Count;
}

void WaitForGraph::setWait(ActorKey A, const Wait &W) {
  Waits[A] = W; // a node only the first time A waits
  if (W.Join)
    JoinersOf.emplace(W.Resource, A);
}

void WaitForGraph::wait(ActorKey A, ResourceKey R, SiteId At, bool Timed) {
  setWait(A, Wait{R, SiteRef{At.Id, false}, Timed, /*Join=*/false});
}

void WaitForGraph::wait(ActorKey A, ResourceKey R, report::Location At,
                        bool Timed) {
  setWait(A, Wait{R, own(std::move(At)), Timed, /*Join=*/false});
}

void WaitForGraph::waitForEnd(ActorKey A, ActorKey Target, SiteId At,
                              bool Timed) {
  setWait(A, Wait{Target, SiteRef{At.Id, false}, Timed, /*Join=*/true});
}

void WaitForGraph::waitForEnd(ActorKey A, ActorKey Target, report::Location At,
                              bool Timed) {
  setWait(A, Wait{Target, own(std::move(At)), Timed, /*Join=*/true});
}

void WaitForGraph::park(ActorKey A, ResourceKey Object, SiteId At,
                        bool Timed) {
  setWait(A, Wait{Object, SiteRef{At.Id, false}, Timed, /*Join=*/false,
                  /*Parked=*/true});
}

void WaitForGraph::park(ActorKey A, ResourceKey Object, report::Location At,
                        bool Timed) {
  setWait(A, Wait{Object, own(std::move(At)), Timed, /*Join=*/false,
                  /*Parked=*/true});
}

void WaitForGraph::stopWaiting(ActorKey A) {
  if (Wait *W = Waits.find(A))
    W->Active = false;
}

void WaitForGraph::ended(ActorKey A) {
  stopWaiting(A);
  Ended[A] = true;
  auto [First, Last] = JoinersOf.equal_range(A);
  for (auto It = First; It != Last; ++It) {
    Wait *W = Waits.find(It->second);
    if (W && W->Active && W->Join && W->Resource == A)
      W->Active = false;
  }
  JoinersOf.erase(First, Last);
}

WaitStep WaitForGraph::stepOf(ActorKey A, const Wait &W) const {
  WaitStep S{A, W.Resource, location(W.At), 0, {}, W.Join, W.Parked};
  if (W.Parked) {
    // Nobody holds it: whoever could wake it is not known.
  } else if (W.Join) {
    S.Holder = W.Resource;
  } else if (const Hold *H = activeHold(W.Resource)) {
    S.Holder = H->Actor;
    S.HeldAt = location(H->At);
  }
  return S;
}

std::optional<WaitStep> WaitForGraph::waitOf(ActorKey A) const {
  const Wait *W = activeWait(A);
  if (!W)
    return std::nullopt;
  return stepOf(A, *W);
}

bool WaitForGraph::stuck(ActorKey A) const {
  const Wait *W = activeWait(A);
  if (!W || W->Timed)
    return false;
  if (W->Parked)
    return true; // parked until someone wakes it (WaitWake ends the wait)
  if (W->Join)
    return !Ended.contains(W->Resource);
  return activeHold(W->Resource) != nullptr;
}

std::optional<std::vector<WaitStep>> WaitForGraph::cycleFrom(ActorKey A) const {
  // Every actor on the walk is in an active wait, so a walk longer than
  // the number of waits has met an actor twice: a cycle that A only waits
  // on (the walk never comes back to A).
  const size_t MaxSteps = Waits.size();
  size_t Len = 0;
  ActorKey Cur = A;
  for (;;) {
    if (Len >= MaxSteps || !stuck(Cur))
      return std::nullopt;
    const Wait &W = *activeWait(Cur);
    if (W.Parked)
      return std::nullopt; // no holder: only "everyone stuck" can tell
    ++Len;
    Cur = W.Join ? W.Resource : activeHold(W.Resource)->Actor;
    if (Cur == A)
      break;
  }
  std::vector<WaitStep> Steps;
  Steps.reserve(Len);
  Cur = A;
  for (size_t I = 0; I < Len; ++I) {
    Steps.push_back(stepOf(Cur, *activeWait(Cur)));
    Cur = Steps.back().Holder;
  }
  return Steps;
}

std::optional<ActorKey> WaitForGraph::holder(ResourceKey R) const {
  const Hold *H = activeHold(R);
  if (!H)
    return std::nullopt;
  return H->Actor;
}

std::vector<std::pair<ResourceKey, report::Location>>
WaitForGraph::heldBy(ActorKey A) const {
  std::vector<std::pair<ResourceKey, report::Location>> Out;
  Holds.forEach([&](ResourceKey R, const Hold &H) {
    if (H.Count != 0 && H.Actor == A)
      Out.emplace_back(R, location(H.At));
  });
  return Out;
}

} // namespace weft::detect
