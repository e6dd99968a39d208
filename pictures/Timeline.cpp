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

size_t TimelineBuilder::open(Interval::Kind K, const Event &E,
                             uint32_t Object, size_t I, uint64_t Ns,
                             std::string Name) {
  Interval Iv{K, E.Actor, Object, I, 0, std::move(Name)};
  Iv.Site = E.Site;
  Iv.BeginNs = Ns;
  Iv.Id = NextId++;
  Opened.push_back(Iv);
  if (K == Interval::Life)
    Lives.emplace(E.Actor, std::move(Iv));
  else
    Open.emplace(Iv.Id, std::move(Iv));
  return NextId - 1;
}

void TimelineBuilder::close(size_t Id, size_t I, uint64_t Ns, bool Cut) {
  auto It = Open.find(Id);
  if (It == Open.end())
    return;
  Interval &Iv = It->second;
  Iv.End = I;
  Iv.EndNs = Ns;
  Iv.Cut = Cut;
  Iv.Open = false;
  Closed.push_back(std::move(Iv));
  Open.erase(It);
}

void TimelineBuilder::onEvent(const Event &E, size_t I, uint64_t Ns) {
  Opened.clear();
  Closed.clear();
  const trace::EventInfo *Info = trace::eventInfo(E.Kind);
  if (!Info || Info->Cat != trace::Category::Sync)
    return;
  auto closeIn = [&](std::map<uint32_t, size_t> &Which, bool Cut) {
    if (auto It = Which.find(E.Actor); It != Which.end()) {
      close(It->second, I, Ns, Cut);
      Which.erase(It);
    }
  };
  if (!Lives.count(E.Actor)) {
    open(Interval::Life, E, 0, I, Ns, T.actorName(E.Actor));
    Actors.push_back(E.Actor);
  }
  // A sleep ends at the actor's next operation (not at a scheduling
  // decision about it).
  if (E.Kind != EventKind::Schedule)
    closeIn(OpenSleep, false);
  switch (E.Kind) {
  case EventKind::LockRequest:
    if (E.Flags & trace::LockBlocking) {
      std::string Name = "waits for " + T.objectName(E.Object);
      if (auto Ho = Holder.find(E.Object); Ho != Holder.end())
        Name += " (held by " + T.actorName(Ho->second) + ")";
      OpenWait[E.Actor] =
          open(Interval::Blocked, E, E.Object, I, Ns, std::move(Name));
    }
    break;
  case EventKind::JoinRequest:
    OpenWait[E.Actor] = open(Interval::Blocked, E, E.Object, I, Ns,
                             "waits for " + T.actorName(E.Object) + " to end");
    break;
  case EventKind::WaitBlock:
    OpenWait[E.Actor] = open(Interval::Blocked, E, E.Object, I, Ns,
                             "waits on " + T.objectName(E.Object));
    break;
  case EventKind::LockAcquired:
  case EventKind::LockFailed:
  case EventKind::ThreadJoin:
  case EventKind::WaitWake:
    closeIn(OpenWait, false);
    if (E.Kind == EventKind::LockAcquired) {
      Holder[E.Object] = E.Actor;
      if (E.Flags <= 1) // the outermost acquire (RLock: depth 1)
        Holds[{E.Actor, E.Object}] =
            open(Interval::Held, E, E.Object, I, Ns,
                 T.objectName(E.Object) + " held by " + T.actorName(E.Actor));
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
        close(It->second, I, Ns, false);
        Holds.erase(It);
      }
    }
    break;
  case EventKind::Sleep: {
    char Buf[48];
    std::snprintf(Buf, sizeof Buf, "sleep %.3f s", E.Object / 1e6);
    OpenSleep[E.Actor] = open(Interval::Sleep, E, 0, I, Ns, Buf);
    break;
  }
  case EventKind::ThreadEnd:
  case EventKind::ProgramExit: { // (flags=1: weft ended a deadlocked run)
    closeIn(OpenWait, true);
    closeIn(OpenSleep, true);
    Interval &Life = Lives.at(E.Actor); // (kept: no second life)
    Life.End = I;
    Life.EndNs = Ns;
    Life.Open = false;
    break;
  }
  default:
    break;
  }
  // At one event: a life, then a wait or sleep, then a hold (the order
  // Timeline::Intervals keeps).
  std::stable_sort(Opened.begin(), Opened.end(),
                   [](const Interval &A, const Interval &B) {
                     auto Rank = [](Interval::Kind K) {
                       return K == Interval::Life ? 0 : K == Interval::Held ? 2 : 1;
                     };
                     return Rank(A.K) < Rank(B.K);
                   });
}

std::vector<const Interval *> TimelineBuilder::openNow() const {
  std::vector<const Interval *> Out;
  for (const auto &[Id, Iv] : Open)
    Out.push_back(&Iv);
  return Out;
}

std::vector<Interval> TimelineBuilder::finish(size_t N, uint64_t EndNs) {
  std::vector<Interval> Out;
  for (auto &[Actor, Iv] : Lives) {
    if (Iv.Open) {
      Iv.End = N;
      Iv.EndNs = EndNs;
    }
    Out.push_back(Iv);
  }
  std::sort(Out.begin(), Out.end(), [](const Interval &A, const Interval &B) {
    return A.Id < B.Id;
  });
  for (auto &[Id, Iv] : Open) {
    Iv.End = N;
    Iv.EndNs = EndNs;
    Out.push_back(std::move(Iv));
  }
  Open.clear();
  return Out;
}

Timeline buildTimeline(const trace::Trace &T) {
  const std::vector<Event> &Ev = T.Events;
  const size_t N = Ev.size();
  Timeline TL;
  TL.Ns.resize(N);
  for (size_t I = 0; I < N; ++I)
    TL.Ns[I] = std::max<uint64_t>(Ev[I].TimeUs * 1000, I ? TL.Ns[I - 1] + 1 : 0);
  TL.EndNs = N ? TL.Ns[N - 1] + 1 : 0;

  TimelineBuilder B(T);
  std::vector<Interval> &Out = TL.Intervals;
  for (size_t I = 0; I < N; ++I) {
    B.onEvent(Ev[I], I, TL.Ns[I]);
    for (const Interval &Iv : B.closed())
      Out.push_back(Iv);
  }
  for (Interval &Iv : B.finish(N, TL.EndNs))
    Out.push_back(std::move(Iv));
  TL.Actors = B.actors();
  std::sort(Out.begin(), Out.end(), [](const Interval &A, const Interval &B) {
    if (A.Begin != B.Begin)
      return A.Begin < B.Begin;
    auto Rank = [](Interval::Kind K) {
      return K == Interval::Life ? 0 : K == Interval::Held ? 2 : 1;
    };
    if (Rank(A.K) != Rank(B.K))
      return Rank(A.K) < Rank(B.K);
    return A.Id < B.Id;
  });
  return TL;
}

} // namespace weft::pictures
