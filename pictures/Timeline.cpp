//===- pictures/Timeline.cpp - the intervals every picture shows ----------===//
#include "pictures/Timeline.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace weft::pictures {

using trace::Event;
using trace::EventKind;

std::string locationText(const report::Location &L) {
  if (L.File.empty())
    return "";
  return L.File + ":" + std::to_string(L.Line) +
         (L.Column ? ":" + std::to_string(L.Column) : "");
}

Timeline buildTimeline(const trace::Trace &T) {
  const std::vector<Event> &Ev = T.Events;
  const size_t N = Ev.size();
  Timeline TL;
  TL.Ns.resize(N);
  for (size_t I = 0; I < N; ++I)
    TL.Ns[I] = std::max<uint64_t>(Ev[I].TimeUs * 1000, I ? TL.Ns[I - 1] + 1 : 0);
  TL.EndNs = N ? TL.Ns[N - 1] + 1 : 0;

  std::vector<Interval> &Out = TL.Intervals;
  std::map<uint32_t, size_t> OpenWait;  // actor -> its open wait (in Out)
  std::map<uint32_t, size_t> OpenSleep; // actor -> its sleep
  std::map<uint32_t, size_t> Life;      // actor -> its life
  std::map<uint32_t, uint32_t> Holder;  // lock -> actor
  std::map<std::pair<uint32_t, uint32_t>, size_t> Holds; // (actor, lock)
  auto open = [&](Interval::Kind K, uint32_t Actor, uint32_t Object, size_t I,
                  std::string Name) {
    Out.push_back({K, Actor, Object, I, N, std::move(Name)});
    return Out.size() - 1;
  };
  auto closeIn = [&](std::map<uint32_t, size_t> &Open, uint32_t Actor,
                     size_t I, bool Cut) {
    if (auto It = Open.find(Actor); It != Open.end()) {
      Out[It->second].End = I;
      Out[It->second].Cut = Cut;
      Open.erase(It);
    }
  };
  for (size_t I = 0; I < N; ++I) {
    const Event &E = Ev[I];
    const trace::EventInfo *Info = trace::eventInfo(E.Kind);
    if (!Info || Info->Cat != trace::Category::Sync)
      continue;
    if (!Life.count(E.Actor)) {
      Life[E.Actor] = open(Interval::Life, E.Actor, 0, I, T.actorName(E.Actor));
      TL.Actors.push_back(E.Actor);
    }
    // A sleep ends at the actor's next operation (not at a scheduling
    // decision about it).
    if (E.Kind != EventKind::Schedule)
      closeIn(OpenSleep, E.Actor, I, false);
    switch (E.Kind) {
    case EventKind::LockRequest:
      if (E.Flags & trace::LockBlocking) {
        std::string Name = "waits for " + T.objectName(E.Object);
        if (auto Ho = Holder.find(E.Object); Ho != Holder.end())
          Name += " (held by " + T.actorName(Ho->second) + ")";
        OpenWait[E.Actor] = open(Interval::Blocked, E.Actor, E.Object, I, Name);
      }
      break;
    case EventKind::JoinRequest:
      OpenWait[E.Actor] =
          open(Interval::Blocked, E.Actor, E.Object, I,
               "waits for " + T.actorName(E.Object) + " to end");
      break;
    case EventKind::WaitBlock:
      OpenWait[E.Actor] = open(Interval::Blocked, E.Actor, E.Object, I,
                               "waits on " + T.objectName(E.Object));
      break;
    case EventKind::LockAcquired:
    case EventKind::LockFailed:
    case EventKind::ThreadJoin:
    case EventKind::WaitWake:
      closeIn(OpenWait, E.Actor, I, false);
      if (E.Kind == EventKind::LockAcquired) {
        Holder[E.Object] = E.Actor;
        if (E.Flags <= 1) // the outermost acquire (RLock: depth 1)
          Holds[{E.Actor, E.Object}] =
              open(Interval::Held, E.Actor, E.Object, I,
                   T.objectName(E.Object) + " held by " +
                       T.actorName(E.Actor));
      }
      break;
    case EventKind::LockReleased:
      if (E.Flags == 0) {
        Holder.erase(E.Object);
        // A Lock may be released by another actor than its holder.
        auto It = Holds.find({E.Actor, E.Object});
        if (It == Holds.end())
          It = std::find_if(Holds.begin(), Holds.end(), [&](const auto &H) {
            return H.first.second == E.Object;
          });
        if (It != Holds.end()) {
          Out[It->second].End = I;
          Holds.erase(It);
        }
      }
      break;
    case EventKind::Sleep: {
      char Buf[48];
      std::snprintf(Buf, sizeof Buf, "sleep %.3f s", E.Object / 1e6);
      OpenSleep[E.Actor] = open(Interval::Sleep, E.Actor, 0, I, Buf);
      break;
    }
    case EventKind::ThreadEnd:
    case EventKind::ProgramExit: // (flags=1: weft ended a deadlocked run)
      closeIn(OpenWait, E.Actor, I, true);
      closeIn(OpenSleep, E.Actor, I, true);
      Out[Life[E.Actor]].End = I; // (kept in Life: no second life)
      break;
    default:
      break;
    }
  }
  std::stable_sort(Out.begin(), Out.end(),
                   [](const Interval &A, const Interval &B) {
                     if (A.Begin != B.Begin)
                       return A.Begin < B.Begin;
                     auto Rank = [](Interval::Kind K) {
                       return K == Interval::Life ? 0 : K == Interval::Held ? 2 : 1;
                     };
                     return Rank(A.K) < Rank(B.K);
                   });
  return TL;
}

} // namespace weft::pictures
