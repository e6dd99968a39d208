//===- pictures/Perfetto.cpp - a trace as Trace Event Format JSON ---------===//
#include "pictures/Perfetto.h"

#include "pictures/Timeline.h"

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
                   const std::vector<report::Finding> &Findings,
                   const PerfettoOptions &O) {
  const std::vector<Event> &Ev = T.Events;
  const size_t N = Ev.size();
  const trace::FileHeader &H = T.Header;
  const bool Virtual = H.RunMode == 1;
  std::string Program(H.Program, strnlen(H.Program, sizeof H.Program));
  const int Pid = static_cast<int>(H.Pid);

  const Timeline TL = buildTimeline(T);
  const std::vector<uint64_t> &Ts = TL.Ns;
  const uint64_t EndTs = TL.EndNs;
  // Intervals by the event that begins them, and lock holds by the event
  // that ends them.
  std::multimap<size_t, const Interval *> Begins, HoldEnds;
  for (const Interval &Iv : TL.Intervals) {
    Begins.emplace(Iv.Begin, &Iv);
    if (Iv.K == Interval::Held)
      HoldEnds.emplace(Iv.End, &Iv);
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
  auto drawn = [&](uint32_t Actor) {
    if (O.Actors.empty())
      return true;
    auto It = T.Actors.find(Actor);
    return It != T.Actors.end() && O.Actors.count(It->second.Name);
  };
  auto inWindow = [&](uint64_t Ns) { return Ns >= O.FromNs && Ns <= O.ToNs; };
  auto shown = [&](size_t I) { return drawn(Ev[I].Actor) && inWindow(Ts[I]); };
  for (uint32_t Actor : TL.Actors) {
    if (!drawn(Actor))
      continue;
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
  // Lock holds as async slices: "b" at the outermost acquire, "e" at the
  // release that frees the lock (or at the trace's end, "never released").
  auto held = [&](const Interval &Iv, bool Begin, uint64_t At) {
    W.begin();
    W.field("ph", Begin ? "b" : "e", false);
    W.field("cat", "held");
    W.field("name", Iv.Name);
    W.raw("id", std::to_string(&Iv - TL.Intervals.data() + 1));
    W.raw("pid", std::to_string(Pid));
    W.raw("tid", std::to_string(Iv.Actor));
    W.raw("ts", micros(At));
    if (!Begin && Iv.open(T))
      OS << ", \"args\": {\"note\": \"never released: the trace ends here\"}";
    W.end();
  };

  // An interval as a slice, cut to the window.
  auto interval = [&](const Interval &Iv) {
    uint64_t Begin = std::max(Ts[Iv.Begin], O.FromNs);
    uint64_t End = std::min(TL.ns(Iv.End), std::max(O.ToNs, Begin));
    if (Iv.K == Interval::Held)
      return held(Iv, true, Begin);
    const char *Note = "";
    if (Iv.K == Interval::Life)
      Note = Iv.open(T) ? "still running when the trace ends" : "";
    else if (Iv.open(T))
      Note = "never ended: the trace ends here";
    else if (Iv.Cut)
      Note = "never ended: the program was ended";
    const char *Cat = Iv.K == Interval::Life      ? "life"
                      : Iv.K == Interval::Blocked ? "blocked"
                                                  : "sleep";
    slice(Iv.Actor, Begin, End - Begin, Iv.Name, Cat,
          Iv.K == Interval::Life ? "" : fullSite(T, Ev[Iv.Begin].Site), Note);
  };
  // Intervals that began before the window and reach into it.
  for (const Interval &Iv : TL.Intervals)
    if (drawn(Iv.Actor) && Ts[Iv.Begin] < O.FromNs &&
        TL.ns(Iv.End) >= O.FromNs)
      interval(Iv);

  for (size_t I = 0; I < N; ++I) {
    const Event &E = Ev[I];
    const trace::EventInfo *Info = trace::eventInfo(E.Kind);
    if (E.Kind == EventKind::FindingBegin) {
      uint64_t At = I ? Ts[I - 1] : 0;
      if (NextFinding < Findings.size() && !inWindow(At))
        ++NextFinding;
      else if (NextFinding < Findings.size()) {
        const report::Finding &F = Findings[NextFinding++];
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
    if (!shown(I)) {
      // A lock released by an actor not drawn still ends its hold.
      for (auto [It, End] = HoldEnds.equal_range(I); It != End; ++It)
        if (drawn(It->second->Actor) && inWindow(Ts[I]))
          held(*It->second, false, Ts[I]);
      continue;
    }
    for (auto [It, End] = Begins.equal_range(I); It != End; ++It)
      if (It->second->K != Interval::Held)
        interval(*It->second); // holds go after the operation, below
    // The operation itself: a slice of no length, which arrows bind to.
    std::string What = trace::objectText(T, E);
    slice(E.Actor, Ts[I], 0,
          std::string(Info->Name) + (What.empty() ? "" : " " + What), "op",
          fullSite(T, E.Site), "");
    // Arrow ends: "f" (bound to the enclosing slice) where an edge
    // arrives, "s" where one leaves; both ends must be drawn.
    auto flow = [&](const std::multimap<size_t, size_t> &Ends, bool Arrives) {
      for (auto [It, End] = Ends.equal_range(I); It != End; ++It) {
        const detect::HbEdge &Ed = Edges[It->second];
        if (!shown(Arrives ? Ed.From : Ed.To))
          continue;
        W.begin();
        W.field("ph", Arrives ? "f" : "s", false);
        if (Arrives)
          W.field("bp", "e");
        W.field("cat", "happens-before");
        W.field("name", Ed.Label);
        W.raw("id", std::to_string(It->second + 1));
        W.raw("pid", std::to_string(Pid));
        W.raw("tid", std::to_string(E.Actor));
        W.raw("ts", micros(Ts[I]));
        W.end();
      }
    };
    flow(FlowsTo, true);
    flow(FlowsFrom, false);
    for (auto [It, End] = Begins.equal_range(I); It != End; ++It)
      if (It->second->K == Interval::Held)
        held(*It->second, true, Ts[I]);
    for (auto [It, End] = HoldEnds.equal_range(I); It != End; ++It)
      if (drawn(It->second->Actor))
        held(*It->second, false, Ts[I]);
  }
  // Holds that outlast the window (or the trace) end at its edge.
  for (const Interval &Iv : TL.Intervals)
    if (Iv.K == Interval::Held && drawn(Iv.Actor) &&
        Ts[Iv.Begin] <= O.ToNs && TL.ns(Iv.End) >= O.FromNs &&
        (Iv.open(T) || TL.ns(Iv.End) > O.ToNs))
      held(Iv, false, std::min(Iv.open(T) ? EndTs : TL.ns(Iv.End), O.ToNs));
  OS << "\n]}\n";
}

} // namespace weft::pictures
