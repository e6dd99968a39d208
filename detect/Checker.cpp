//===- detect/Checker.cpp - the detectors, fed one event at a time --------===//
//
// State per event stream: which locks each actor holds (in acquisition
// order, with the site), the wait-for graph of blocked requests, and the
// lock-order graph of "held A while acquiring B". Each event updates the
// state first and then asks the one question it can answer:
//   LockRequest  -> double-acquire?  deadlock (wait-for cycle)?
//   LockAcquired -> lock-order inversion (new edge closing a cycle)?
//   ThreadEnd    -> missing-release (held at exit)?
//===----------------------------------------------------------------------===//
#include "detect/Checker.h"

#include <algorithm>
#include <optional>

namespace weft::detect {

using report::Finding;
using report::Location;
using report::RuleId;
using trace::Event;
using trace::EventKind;

//===----------------------------------------------------------------------===//
// TraceSymbols
//===----------------------------------------------------------------------===//

TraceSymbols::TraceSymbols(const trace::Trace &T) : T(T) {
  for (const Event &E : T.Events)
    noteEvent(E);
}

Location TraceSymbols::site(uint32_t SiteId) const {
  const trace::SiteInfo *S = T.site(SiteId);
  if (!S)
    return {};
  return Location{S->File, S->Line, S->Column};
}

std::string TraceSymbols::actorName(uint32_t Actor) const {
  return T.actorName(Actor);
}

std::string TraceSymbols::objectName(uint32_t Object) const {
  return T.objectName(Object);
}

trace::ObjectType TraceSymbols::objectType(uint32_t Object) const {
  auto It = T.Objects.find(Object);
  return It == T.Objects.end() ? trace::ObjectType::Unknown : It->second.Type;
}

Location TraceSymbols::actorStart(uint32_t Actor) const {
  auto It = StartSite.find(Actor);
  return It == StartSite.end() ? Location{} : site(It->second);
}

//===----------------------------------------------------------------------===//
// Checker
//===----------------------------------------------------------------------===//

namespace {
constexpr const char *Origin = "runtime";

bool known(const Location &L) { return !L.File.empty(); }

/// "A", "A and B", "A, B and C".
std::string joinNames(const std::vector<std::string> &Names) {
  std::string S;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I > 0)
      S += (I + 1 == Names.size()) ? " and " : ", ";
    S += Names[I];
  }
  return S;
}

std::string withArticle(std::string_view Noun) {
  bool Vowel = !Noun.empty() && std::string_view("aeiouAEIOU").find(Noun[0]) !=
                                    std::string_view::npos;
  return (Vowel ? "an " : "a ") + std::string(Noun);
}

/// Rotates \p Cycle so that its smallest key comes first.
std::vector<LockKey> rotateToSmallest(std::vector<LockKey> Cycle) {
  std::rotate(Cycle.begin(), std::min_element(Cycle.begin(), Cycle.end()),
              Cycle.end());
  return Cycle;
}

std::vector<std::pair<LockKey, uint32_t>>::iterator
findHeld(std::vector<std::pair<LockKey, uint32_t>> &Held, LockKey L) {
  return std::find_if(Held.begin(), Held.end(),
                      [&](const auto &P) { return P.first == L; });
}
} // namespace

void Checker::onEvent(const Event &E, std::vector<Finding> &Out) {
  // An actor is live from its start (or its first event: the main thread)
  // to its end.
  if (E.Kind != EventKind::ThreadEnd && E.Actor != LastLive &&
      !Waits.hasEnded(E.Actor)) {
    Live.insert(E.Actor);
    LastLive = E.Actor; // in Live and not ended until an actor ends
  }
  if (!Tasks.empty() && Tasks.contains(E.Actor))
    onTaskEvent(E, Out);
  switch (E.Kind) {
  case EventKind::ThreadStart:
    if (E.Flags & trace::StartTask)
      Tasks.insert(E.Object);
    if (!Waits.hasEnded(E.Object))
      Live.insert(E.Object);
    Ordering.started(E.Actor, E.Object);
    break;
  case EventKind::JoinRequest:
    onJoinRequest(E, Out);
    break;
  case EventKind::ThreadJoin:
    if (!(E.Flags & 1)) // not timed out: the joined actor has ended
      Ordering.joined(E.Actor, E.Object);
    Waits.stopWaiting(E.Actor);
    break;
  case EventKind::WaitWake:
    Waits.stopWaiting(E.Actor);
    break;
  case EventKind::WaitBlock: {
    const bool Timed = E.Flags & trace::LockTimed;
    Waits.park(E.Actor, E.Object, SiteId{E.Site}, Timed);
    if (!Timed)
      checkAllStuck(E.Actor, Out);
    break;
  }
  case EventKind::LockRequest:
    onRequest(E, Out);
    break;
  case EventKind::LockAcquired:
    onAcquired(E, Out);
    break;
  case EventKind::LockFailed:
    Waits.stopWaiting(E.Actor);
    break;
  case EventKind::LockReleased:
    onReleased(E);
    break;
  case EventKind::ThreadEnd:
    onThreadEnd(E, Out);
    break;
  case EventKind::TaskDone:
    onTaskDone(E, Out);
    break;
  case EventKind::ExecutorShutdown:
    onExecutorShutdown(E, Out);
    break;
  case EventKind::DaemonKilled:
    // The program ends without it (Python's exit): a daemon blocked forever
    // is abandoned, not a deadlock when the main thread ends next.
    Waits.ended(E.Object);
    Live.erase(E.Object);
    LastLive = NoActor;
    break;
  default:
    break;
  }
}

void Checker::onRequest(const Event &E, std::vector<Finding> &Out) {
  const uint32_t Actor = E.Actor;
  const LockKey L = E.Object;
  const bool Blocking = E.Flags & trace::LockBlocking;
  const bool Timed = E.Flags & trace::LockTimed;

  auto &Mine = Held[Actor];
  auto Prev = findHeld(Mine, L);
  if (Prev != Mine.end() && trace::objectTypeIsRecursive(Syms.objectType(L)))
    return; // an RLock's owner re-enters at once: no wait, no new order
  if (Prev != Mine.end() && Blocking) {
    std::string Type(trace::objectTypeName(Syms.objectType(L)));
    Finding F = report::makeFinding(
        RuleId::DoubleAcquire,
        Syms.actorName(Actor) + " acquires " + Syms.objectName(L) +
            " again while holding it; " + withArticle(Type) +
            " is not reentrant, so this " +
            (Timed ? "waits for the whole timeout and fails"
                   : "blocks forever"),
        Syms.site(E.Site), Origin);
    F.Notes.push_back({Syms.site(Prev->second), "first acquired here"});
    Out.push_back(std::move(F));
  }

  if (!Blocking || Timed)
    return; // gives up by itself: never a deadlock
  Waits.wait(Actor, L, SiteId{E.Site}, /*Timed=*/false);
  checkWait(Actor, Out);
}

void Checker::onJoinRequest(const Event &E, std::vector<Finding> &Out) {
  if (Waits.hasEnded(E.Object))
    return; // the join returns at once
  const bool Timed = E.Flags & trace::LockTimed;
  Waits.waitForEnd(E.Actor, E.Object, SiteId{E.Site}, Timed);
  if (!Timed)
    checkWait(E.Actor, Out);
}

void Checker::describeStep(const WaitStep &S, Finding &F) const {
  const std::string Who = Syms.actorName(S.Actor);
  if (S.Join) {
    std::string What = Who + " waits for " + Syms.actorName(S.Holder) + " to end";
    if (known(S.WaitAt))
      F.Notes.push_back({S.WaitAt, What + " here"});
    else
      F.Notes.push_back({Syms.actorStart(S.Actor), What + " (at program exit)"});
    return;
  }
  const std::string Object = Syms.objectName(S.Resource);
  F.Notes.push_back({S.WaitAt, Who + " waits for " + Object + " here"});
  if (S.Parked)
    return; // no holder to name
  std::string Holder = Syms.actorName(S.Holder);
  if (Waits.hasEnded(S.Holder))
    Holder += ", which has ended without releasing it";
  F.Notes.push_back({S.HeldAt, Object + " is held by " + Holder +
                                   ", acquired here"});
}

void Checker::checkWait(uint32_t Actor, std::vector<Finding> &Out) {
  if (Deadlocked)
    return;
  std::optional<std::vector<WaitStep>> Cycle = Waits.cycleFrom(Actor);
  // A thread waiting for a Lock it holds itself can still be freed: any
  // thread may release a Lock. That wait is a deadlock only once every live
  // actor is stuck, which checkAllStuck decides.
  if (!Cycle || Cycle->size() < 2) {
    checkAllStuck(Actor, Out);
    return;
  }
  Deadlocked = true;
  std::vector<std::string> Names;
  for (const WaitStep &S : *Cycle)
    Names.push_back(Syms.actorName(S.Actor));
  Finding F = report::makeFinding(
      RuleId::Deadlock,
      "deadlock: " + std::to_string(Cycle->size()) +
          " threads wait for each other forever: " + joinNames(Names),
      Cycle->front().WaitAt, Origin);
  for (const WaitStep &S : *Cycle)
    describeStep(S, F);
  Out.push_back(std::move(F));
}

void Checker::checkAllStuck(uint32_t Trigger, std::vector<Finding> &Out) {
  if (Deadlocked || Live.empty())
    return;
  for (uint32_t A : Live)
    if (!Waits.stuck(A))
      return;
  Deadlocked = true;
  std::vector<WaitStep> Steps;
  for (uint32_t A : Live)
    Steps.push_back(*Waits.waitOf(A));
  // The cause goes first: a lock wait that only its own holder (the waiter
  // itself, or a thread that has ended) could end. Else the actor whose wait
  // completed the picture.
  auto IsRoot = [&](const WaitStep &S) {
    return !S.Join && !S.Parked &&
           (S.Holder == S.Actor || Waits.hasEnded(S.Holder));
  };
  auto Root = std::find_if(Steps.begin(), Steps.end(), IsRoot);
  if (Root == Steps.end())
    Root = std::find_if(Steps.begin(), Steps.end(), [&](const WaitStep &S) {
      return S.Actor == Trigger && known(S.WaitAt);
    });
  if (Root == Steps.end())
    Root = std::find_if(Steps.begin(), Steps.end(),
                        [&](const WaitStep &S) { return known(S.WaitAt); });
  if (Root != Steps.end())
    std::rotate(Steps.begin(), Root, Root + 1);

  std::string Message;
  const WaitStep &First = Steps.front();
  if (IsRoot(First)) {
    Message = "deadlock: " + Syms.actorName(First.Actor) +
              " waits forever for " + Syms.objectName(First.Resource) +
              (First.Holder == First.Actor
                   ? " which it holds itself"
                   : ", held by " + Syms.actorName(First.Holder) +
                         " which has ended");
  } else if (Steps.size() == 1 && First.Parked) {
    // D03: the only thread waits on a queue (event, ...) nobody can fill.
    Message = "deadlock: " + Syms.actorName(First.Actor) +
              " waits forever for " + Syms.objectName(First.Resource) +
              " and no other thread is left to wake it";
  } else {
    std::vector<std::string> Names;
    for (const WaitStep &S : Steps)
      Names.push_back(Syms.actorName(S.Actor));
    const bool AnyTask = std::any_of(Steps.begin(), Steps.end(),
                                     [&](const WaitStep &S) {
                                       return Tasks.contains(S.Actor);
                                     });
    Message = "deadlock: all " + std::to_string(Steps.size()) +
              (AnyTask ? " threads and tasks" : " threads") +
              " are blocked and none can wake the others: " +
              joinNames(Names);
  }
  Location At = First.WaitAt;
  if (!known(At))
    At = First.HeldAt;
  Finding F = report::makeFinding(RuleId::Deadlock, Message, At, Origin);
  for (const WaitStep &S : Steps)
    describeStep(S, F);
  Out.push_back(std::move(F));
}

void Checker::onAcquired(const Event &E, std::vector<Finding> &Out) {
  const uint32_t Actor = E.Actor;
  const LockKey L = E.Object;
  Waits.stopWaiting(Actor);

  // A plain Lock released by another actor may be taken over without that
  // actor's bookkeeping ever seeing a release; keep one holder per lock.
  if (std::optional<ActorKey> Prev = Waits.holder(L); Prev && *Prev != Actor) {
    auto &Theirs = Held[*Prev];
    if (auto It = findHeld(Theirs, L); It != Theirs.end())
      Theirs.erase(It);
  }
  auto &Mine = Held[Actor];
  if (findHeld(Mine, L) != Mine.end()) {
    // Recursive re-acquire: a count, no new order.
    Waits.hold(Actor, L, SiteId{E.Site});
    return;
  }
  Waits.hold(Actor, L, SiteId{E.Site});
  if (Mine.empty() || (E.Flags & trace::LockTried)) {
    // Nothing held before, or a try that could not have waited: no order.
    Mine.emplace_back(L, E.Site);
    return;
  }

  // Names and places are resolved only for what keeps them: a new edge's
  // info (addEdge keeps the first one), or a finding.
  std::optional<std::string> ActorName;
  std::optional<Location> At;
  auto here = [&]() -> const Location & {
    if (!At)
      At = Syms.site(E.Site);
    return *At;
  };
  for (const auto &[H, HSite] : Mine) {
    const LockEdgeInfo *Old = Order.edge(H, L);
    LockEdgeInfo Info;
    if (!Old) {
      if (!ActorName)
        ActorName = Syms.actorName(Actor);
      Info.Actor = *ActorName;
      Info.HeldAt = Syms.site(HSite);
      Info.AcquiredAt = here();
    }
    for (const auto &[Other, OtherSite] : Mine)
      if (Other != H)
        Info.AlsoHeld.insert(Other);
    Info.Instances.push_back({Actor, Ordering.stamp(Actor)});
    size_t GatesBefore = Old ? Old->AlsoHeld.size() : 0;
    size_t WaysBefore = Old ? Old->Instances.size() : 0;
    bool CappedBefore = Old && Old->Capped;
    bool New = Order.addEdge(H, L, std::move(Info));
    // A known edge matters again only if it lost a gate lock or was taken
    // by another actor or in another part of the start/join order.
    const LockEdgeInfo *Now = Order.edge(H, L);
    if (!New && Now->AlsoHeld.size() == GatesBefore &&
        Now->Instances.size() == WaysBefore && Now->Capped == CappedBefore)
      continue;
    std::optional<std::vector<LockKey>> Cycle = Order.cycleThrough(H, L);
    if (!Cycle)
      continue;
    std::vector<LockKey> Sorted = *Cycle;
    std::sort(Sorted.begin(), Sorted.end());
    if (!ReportedCycles.insert(Sorted).second)
      continue;

    std::vector<LockKey> Nodes = rotateToSmallest(*Cycle);
    std::string Message = "lock-order inversion (potential deadlock): ";
    if (Nodes.size() == 2) {
      Message += Syms.objectName(Nodes[0]) + " and " +
                 Syms.objectName(Nodes[1]) + " are acquired in opposite orders";
    } else {
      Message += "a cycle of " + std::to_string(Nodes.size()) + " locks: ";
      for (LockKey K : Nodes)
        Message += Syms.objectName(K) + " -> ";
      Message += Syms.objectName(Nodes[0]);
    }
    Finding F =
        report::makeFinding(RuleId::LockOrderInversion, Message, here(), Origin);
    for (size_t I = 0; I < Nodes.size(); ++I) {
      LockKey From = Nodes[I], To = Nodes[(I + 1) % Nodes.size()];
      const LockEdgeInfo *EI = Order.edge(From, To);
      if (!EI)
        continue;
      for (const report::Related &V : EI->Via)
        F.Notes.push_back(V);
      F.Notes.push_back(
          {EI->AcquiredAt, EI->Actor + " acquires " + Syms.objectName(To) +
                               " here while holding " + Syms.objectName(From)});
      F.Notes.push_back({EI->HeldAt, Syms.objectName(From) + " acquired here"});
    }
    Out.push_back(std::move(F));
  }
  Mine.emplace_back(L, E.Site);
}

void Checker::onReleased(const Event &E) {
  const LockKey L = E.Object;
  std::optional<ActorKey> Holder = Waits.holder(L);
  if (!Holder)
    return; // released without a recorded acquire: nothing to undo
  Waits.release(E.Actor, L);
  if (Waits.holder(L) == Holder)
    return; // an RLock still held at a lower depth
  auto &Theirs = Held[*Holder];
  if (auto It = findHeld(Theirs, L); It != Theirs.end())
    Theirs.erase(It);
}

void Checker::onThreadEnd(const Event &E, std::vector<Finding> &Out) {
  const uint32_t Actor = E.Actor;
  auto *Mine = Held.find(Actor);
  if (Mine && !Mine->empty()) {
    // Names are looked up only for a finding (most threads end holding
    // nothing).
    const std::string Name = Syms.actorName(Actor);
    Location Start = Syms.actorStart(Actor);
    if (!known(Start))
      Start = Syms.site(E.Site); // ThreadEnd's site is where it was started
    for (const auto &[L, Site] : *Mine) {
      Finding F = report::makeFinding(RuleId::MissingRelease,
                                      Name + " ends while still holding " +
                                          Syms.objectName(L),
                                      Syms.site(Site), Origin);
      if (known(Start))
        F.Notes.push_back({Start, Name + " was started here"});
      Out.push_back(std::move(F));
    }
  }
  Held.erase(Actor);
  // The locks stay held (a dead thread never releases them); only the
  // actor's own bookkeeping goes. Its joiners are free; the others may now
  // all be stuck.
  Waits.ended(Actor);
  Live.erase(Actor);
  LastLive = NoActor;
  checkAllStuck(Actor, Out);
}

void Checker::onTaskDone(const Event &E, std::vector<Finding> &Out) {
  TaskDoneCount &C = TaskDones[E.Object];
  ++C.Calls;
  if (!(E.Flags & trace::TaskDoneTooMany)) {
    ++C.Matched;
    C.LastSite = E.Site;
    return;
  }
  // Python raised ValueError here; every item put was already done.
  const std::string Queue = Syms.objectName(E.Object);
  Finding F = report::makeFinding(
      RuleId::TaskDoneOverflow,
      "task_done() called too many times: call " + std::to_string(C.Calls) +
          " on " + Queue + ", but only " + std::to_string(C.Matched) +
          (C.Matched == 1 ? " item was" : " items were") +
          " put (ValueError in Python)",
      Syms.site(E.Site), Origin);
  if (C.LastSite)
    F.Notes.push_back({Syms.site(C.LastSite),
                       "the last task_done() that matched an item of " +
                           Queue + " was here"});
  Out.push_back(std::move(F));
}

void Checker::onExecutorShutdown(const Event &E, std::vector<Finding> &Out) {
  if (!(E.Flags & trace::ShutdownAtExit))
    return;
  // The runtime shut it down at exit (site: where it was created).
  Out.push_back(report::makeFinding(
      RuleId::ExecutorLeak,
      Syms.objectName(E.Object) +
          " is still running when the program ends: it was never shut "
          "down, so its work is waited for at exit",
      Syms.site(E.Site), Origin));
}

void Checker::onTaskEvent(const Event &E, std::vector<Finding> &Out) {
  std::string What;
  switch (E.Kind) {
  case EventKind::Sleep:
    if (!(E.Flags & trace::SleepAsync))
      What = "sleeps (time.sleep)";
    break;
  case EventKind::LockRequest:
    if ((E.Flags & trace::LockBlocking) &&
        !trace::objectTypeIsAsyncio(Syms.objectType(E.Object)))
      What = "waits for " + Syms.objectName(E.Object);
    break;
  case EventKind::WaitBlock:
    if (!trace::objectTypeIsAsyncio(Syms.objectType(E.Object)))
      What = "waits for " + Syms.objectName(E.Object);
    break;
  case EventKind::JoinRequest:
    if (!Tasks.contains(E.Object))
      What = "waits for " + Syms.actorName(E.Object) + " to end";
    break;
  default:
    break;
  }
  if (What.empty() || !BlockingSites.insert(E.Site).second)
    return;
  const std::string Name = Syms.actorName(E.Actor);
  Finding F = report::makeFinding(
      RuleId::BlockingInCoroutine,
      Name + " " + What +
          " while it runs on the event loop: the blocking call stops the "
          "loop's thread, so no other task runs until it returns (await the "
          "asyncio version instead)",
      Syms.site(E.Site), Origin);
  Location Start = Syms.actorStart(E.Actor);
  if (known(Start))
    F.Notes.push_back({Start, Name + " was created here"});
  Out.push_back(std::move(F));
}

void TraceCheck::onEvent(const Event &E) {
  Syms.noteEvent(E);
  const trace::EventInfo *Info = trace::eventInfo(E.Kind);
  if (Info && Info->Cat == trace::Category::Sync)
    C.onEvent(E, Out);
}

std::vector<Finding> checkTrace(const trace::Trace &T) {
  TraceCheck C(T);
  for (const Event &E : T.Events)
    C.onEvent(E);
  return C.take();
}

} // namespace weft::detect
