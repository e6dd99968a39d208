//===- pictures/Perfetto.cpp - a trace as Trace Event Format JSON ---------===//
#include "pictures/Perfetto.h"

#include "detect/HappensBefore.h"
#include "report/JsonWriter.h"
#include "trace/Describe.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

namespace weft::pictures {
namespace {

using trace::Event;
using trace::EventKind;

std::string fullSite(const trace::Trace &T, uint32_t Site) {
  const trace::SiteInfo *S = T.site(Site);
  if (!S)
    return "";
  std::string R = S->File + ":" + std::to_string(S->Line);
  if (S->Column)
    R += ":" + std::to_string(S->Column);
  return R;
}

std::string locationText(const report::Location &L) {
  if (L.File.empty())
    return "";
  return L.File + ":" + std::to_string(L.Line) +
         (L.Column ? ":" + std::to_string(L.Column) : "");
}

/// A slice that begins at one event and ends at a later one of its actor.
struct Span {
  size_t End;       // index of the closing event (Events.size(): never)
  std::string Name; // "waits for Lock 'x' (held by thread 'T')"
  const char *Cat;  // "blocked", "sleep", "life"
  bool Cut = false; // ended by the end of its actor, not by its own event
};

/// One line of JSON per event: {"ph": ..., ...}.
class EventWriter {
public:
  explicit EventWriter(std::ostream &OS) : OS(OS) {}
  void begin() { OS << (First ? "\n" : ",\n") << "{"; First = false; }
  void field(const char *K, std::string_view V, bool Comma = true) {
    OS << (Comma ? ", " : "") << '"' << K << "\": ";
    report::writeJsonString(OS, V);
  }
  void raw(const char *K, std::string_view V, bool Comma = true) {
    OS << (Comma ? ", " : "") << '"' << K << "\": " << V;
  }
  void end() { OS << "}"; }
  std::ostream &OS;

private:
  bool First = true;
};

/// Nanoseconds as microseconds with three decimals (exact: no rounding of
/// binary fractions, so a slice's end is exactly its parent's).
std::string micros(uint64_t Ns) {
  return fmt::format("{}.{:03}", Ns / 1000, Ns % 1000);
}

} // namespace

void writePerfetto(std::ostream &OS, const trace::Trace &T,
                   const std::vector<report::Finding> &Findings) {
  const std::vector<Event> &Ev = T.Events;
  const size_t N = Ev.size();
  const trace::FileHeader &H = T.Header;
  const bool Virtual = H.RunMode == 1;
  std::string Program(H.Program, strnlen(H.Program, sizeof H.Program));
  const int Pid = static_cast<int>(H.Pid);

  // Times: spread equal microseconds by nanoseconds, in sequence order.
  std::vector<uint64_t> Ts(N); // nanoseconds
  for (size_t I = 0; I < N; ++I)
    Ts[I] = std::max<uint64_t>(Ev[I].TimeUs * 1000, I ? Ts[I - 1] + 1 : 0);
  const uint64_t EndTs = N ? Ts[N - 1] + 1 : 0;
  auto tsOf = [&](size_t I) { return I < N ? Ts[I] : EndTs; };

  // Pass 1: which event closes each blocked interval, sleep and life; who
  // holds each lock when a wait for it begins.
  std::map<size_t, Span> Spans;
  std::map<uint32_t, size_t> OpenWait;   // actor -> index of its open wait
  std::map<uint32_t, size_t> OpenSleep;  // actor -> index of its sleep
  std::map<uint32_t, size_t> Born;       // actor -> first event
  std::map<uint32_t, uint32_t> Holder;   // lock -> actor
  std::map<uint32_t, size_t> LastOf;     // actor -> its latest event
  for (size_t I = 0; I < N; ++I) {
    const Event &E = Ev[I];
    const trace::EventInfo *Info = trace::eventInfo(E.Kind);
    if (!Info || Info->Cat != trace::Category::Sync)
      continue;
    // A sleep ends at the actor's next operation (not at a scheduling
    // decision about it).
    if (auto S = OpenSleep.find(E.Actor);
        S != OpenSleep.end() && E.Kind != EventKind::Schedule) {
      Spans[S->second].End = I;
      OpenSleep.erase(S);
    }
    Born.try_emplace(E.Actor, I);
    LastOf[E.Actor] = I;
    switch (E.Kind) {
    case EventKind::LockRequest:
      if (E.Flags & trace::LockBlocking) {
        std::string Name = "waits for " + T.objectName(E.Object);
        if (auto Ho = Holder.find(E.Object); Ho != Holder.end())
          Name += " (held by " + T.actorName(Ho->second) + ")";
        Spans[I] = {N, Name, "blocked"};
        OpenWait[E.Actor] = I;
      }
      break;
    case EventKind::JoinRequest:
      Spans[I] = {N, "waits for " + T.actorName(E.Object) + " to end",
                  "blocked"};
      OpenWait[E.Actor] = I;
      break;
    case EventKind::WaitBlock:
      Spans[I] = {N, "waits on " + T.objectName(E.Object), "blocked"};
      OpenWait[E.Actor] = I;
      break;
    case EventKind::LockAcquired:
    case EventKind::LockFailed:
    case EventKind::ThreadJoin:
    case EventKind::WaitWake:
      if (auto W = OpenWait.find(E.Actor); W != OpenWait.end()) {
        Spans[W->second].End = I;
        OpenWait.erase(W);
      }
      if (E.Kind == EventKind::LockAcquired)
        Holder[E.Object] = E.Actor;
      break;
    case EventKind::LockReleased:
      if (E.Flags == 0)
        Holder.erase(E.Object);
      break;
    case EventKind::ThreadEnd:
    case EventKind::ProgramExit: // (flags=1: weft ended a deadlocked run)
      if (auto W = OpenWait.find(E.Actor); W != OpenWait.end()) {
        Spans[W->second].End = I;
        Spans[W->second].Cut = true;
        OpenWait.erase(W);
      }
      break;
    case EventKind::Sleep:
      Spans[I] = {N,
                  fmt::format("sleep {:.3f} s", E.Object / 1e6), "sleep"};
      OpenSleep[E.Actor] = I;
      break;
    default:
      break;
    }
  }
  // Each actor's life: from its first event to its end (or the trace's).
  std::map<size_t, size_t> LifeEnd; // first event -> closing index
  for (auto [Actor, First] : Born) {
    size_t Last = LastOf[Actor];
    bool Ended = Ev[Last].Kind == EventKind::ThreadEnd ||
                 Ev[Last].Kind == EventKind::ProgramExit;
    LifeEnd[First] = Ended ? Last : N;
  }

  OS << "{\"displayTimeUnit\": \"ms\",\n\"otherData\": {";
  OS << "\"program\": ";
  report::writeJsonString(OS, Program);
  OS << ", \"pid\": " << H.Pid << ", \"time\": "
     << (Virtual ? "\"virtual (controlled scheduler)\"" : "\"wall clock\"");
  if (Virtual)
    OS << ", \"seed\": " << H.Seed;
  OS << ", \"closed_cleanly\": " << (T.closedCleanly() ? "true" : "false")
     << "},\n\"traceEvents\": [";
  EventWriter W(OS);
  // Names of the process and of each actor's track.
  W.begin();
  W.field("ph", "M", false);
  W.field("name", "process_name");
  W.raw("pid", std::to_string(Pid));
  OS << ", \"args\": {\"name\": ";
  report::writeJsonString(OS, Program + " (pid " + std::to_string(Pid) + ")" +
                                  (Virtual ? ", virtual time" : ""));
  OS << "}";
  W.end();
  for (auto [Actor, First] : Born) {
    (void)First;
    W.begin();
    W.field("ph", "M", false);
    W.field("name", "thread_name");
    W.raw("pid", std::to_string(Pid));
    W.raw("tid", std::to_string(Actor));
    OS << ", \"args\": {\"name\": ";
    report::writeJsonString(OS, T.actorName(Actor));
    OS << "}";
    W.end();
    W.begin();
    W.field("ph", "M", false);
    W.field("name", "thread_sort_index");
    W.raw("pid", std::to_string(Pid));
    W.raw("tid", std::to_string(Actor));
    OS << ", \"args\": {\"sort_index\": " << Actor << "}";
    W.end();
  }

  auto slice = [&](uint32_t Actor, uint64_t Begin, uint64_t Dur,
                   std::string_view Name, std::string_view Cat,
                   std::string_view Site, std::string_view Note) {
    W.begin();
    W.field("ph", "X", false);
    W.field("cat", Cat);
    W.field("name", Name);
    W.raw("pid", std::to_string(Pid));
    W.raw("tid", std::to_string(Actor));
    W.raw("ts", micros(Begin));
    W.raw("dur", micros(Dur));
    if (!Site.empty() || !Note.empty()) {
      OS << ", \"args\": {";
      bool C = false;
      if (!Site.empty()) {
        OS << "\"site\": ";
        report::writeJsonString(OS, Site);
        C = true;
      }
      if (!Note.empty()) {
        OS << (C ? ", " : "") << "\"note\": ";
        report::writeJsonString(OS, Note);
      }
      OS << "}";
    }
    W.end();
  };

  // Flow arrows, indexed by the events they start and end at.
  std::vector<detect::HbEdge> Edges = detect::happensBeforeEdges(T);
  std::multimap<size_t, size_t> FlowsFrom, FlowsTo; // event -> edge index
  for (size_t K = 0; K < Edges.size(); ++K) {
    FlowsFrom.emplace(Edges[K].From, K);
    FlowsTo.emplace(Edges[K].To, K);
  }
  // Findings: the k-th FindingBegin event carries the k-th finding; it is
  // shown at the time of the event before it.
  size_t NextFinding = 0;
  // Held locks: async slices, one id per hold.
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> HoldId; // (actor, lock)
  uint64_t NextHold = 1;

  for (size_t I = 0; I < N; ++I) {
    const Event &E = Ev[I];
    const trace::EventInfo *Info = trace::eventInfo(E.Kind);
    if (E.Kind == EventKind::FindingBegin) {
      if (NextFinding < Findings.size()) {
        const report::Finding &F = Findings[NextFinding++];
        uint64_t At = I ? Ts[I - 1] : 0;
        W.begin();
        W.field("ph", "i", false);
        W.field("s", "g");
        W.field("cat", "finding");
        W.field("name", F.Message + " [" +
                            std::string(report::ruleInfo(F.Rule).Id) + "]");
        W.raw("pid", std::to_string(Pid));
        W.raw("tid", std::to_string(E.Actor));
        W.raw("ts", micros(At));
        OS << ", \"args\": {\"rule\": ";
        report::writeJsonString(OS, report::ruleInfo(F.Rule).Id);
        OS << ", \"message\": ";
        report::writeJsonString(OS, F.Message);
        OS << ", \"location\": ";
        report::writeJsonString(OS, locationText(F.Loc));
        OS << ", \"notes\": [";
        for (size_t J = 0; J < F.Notes.size(); ++J) {
          OS << (J ? ", " : "");
          std::string L = locationText(F.Notes[J].Loc);
          report::writeJsonString(OS, L.empty() ? F.Notes[J].Message
                                                : L + ": " + F.Notes[J].Message);
        }
        OS << "]}";
        W.end();
      }
      continue;
    }
    if (!Info || Info->Cat != trace::Category::Sync)
      continue;
    if (auto L = LifeEnd.find(I); L != LifeEnd.end())
      slice(E.Actor, Ts[I], tsOf(L->second) - Ts[I], T.actorName(E.Actor),
            "life", fullSite(T, E.Site),
            L->second == N ? "still running when the trace ends" : "");
    if (auto S = Spans.find(I); S != Spans.end())
      slice(E.Actor, Ts[I], tsOf(S->second.End) - Ts[I], S->second.Name,
            S->second.Cat, fullSite(T, E.Site),
            S->second.End == N ? "never ended: the trace ends here"
            : S->second.Cut    ? "never ended: the program was ended"
                               : "");
    // The operation itself: a slice of no length, which arrows bind to.
    std::string What = trace::objectText(T, E);
    slice(E.Actor, Ts[I], 0,
          std::string(Info->Name) + (What.empty() ? "" : " " + What), "op",
          fullSite(T, E.Site), "");
    for (auto [It, End] = FlowsTo.equal_range(I); It != End; ++It) {
      const detect::HbEdge &Ed = Edges[It->second];
      W.begin();
      W.field("ph", "f", false);
      W.field("bp", "e");
      W.field("cat", "happens-before");
      W.field("name", Ed.Label);
      W.raw("id", std::to_string(It->second + 1));
      W.raw("pid", std::to_string(Pid));
      W.raw("tid", std::to_string(E.Actor));
      W.raw("ts", micros(Ts[I]));
      W.end();
    }
    for (auto [It, End] = FlowsFrom.equal_range(I); It != End; ++It) {
      const detect::HbEdge &Ed = Edges[It->second];
      W.begin();
      W.field("ph", "s", false);
      W.field("cat", "happens-before");
      W.field("name", Ed.Label);
      W.raw("id", std::to_string(It->second + 1));
      W.raw("pid", std::to_string(Pid));
      W.raw("tid", std::to_string(E.Actor));
      W.raw("ts", micros(Ts[I]));
      W.end();
    }
    // Lock holds as async slices ("b" at the outermost acquire, "e" at the
    // release that frees it).
    if (E.Kind == EventKind::LockAcquired || E.Kind == EventKind::LockReleased) {
      bool Opens = E.Kind == EventKind::LockAcquired && E.Flags <= 1;
      bool Closes = E.Kind == EventKind::LockReleased && E.Flags == 0;
      auto Key = std::make_pair(E.Actor, E.Object);
      if (Closes && !HoldId.count(Key)) // released by another actor (Lock)
        for (auto &[K, Id] : HoldId)
          if (K.second == E.Object) {
            Key = K;
            break;
          }
      if (Opens || (Closes && HoldId.count(Key))) {
        uint64_t Id = Opens ? (HoldId[Key] = NextHold++) : HoldId[Key];
        W.begin();
        W.field("ph", Opens ? "b" : "e", false);
        W.field("cat", "held");
        W.field("name", T.objectName(E.Object) + " held by " +
                            T.actorName(Key.first));
        W.raw("id", std::to_string(Id));
        W.raw("pid", std::to_string(Pid));
        W.raw("tid", std::to_string(E.Actor));
        W.raw("ts", micros(Ts[I]));
        W.end();
        if (Closes)
          HoldId.erase(Key);
      }
    }
  }
  // Holds still open when the trace ends (a lock never released).
  for (auto &[Key, Id] : HoldId) {
    W.begin();
    W.field("ph", "e", false);
    W.field("cat", "held");
    W.field("name", T.objectName(Key.second) + " held by " +
                        T.actorName(Key.first));
    W.raw("id", std::to_string(Id));
    W.raw("pid", std::to_string(Pid));
    W.raw("tid", std::to_string(Key.first));
    W.raw("ts", micros(EndTs));
    OS << ", \"args\": {\"note\": \"never released: the trace ends here\"}";
    W.end();
  }
  OS << "\n]}\n";
}

} // namespace weft::pictures
