//===- pictures/Perfetto.cpp - a trace as Trace Event Format JSON ---------===//
#include "pictures/Perfetto.h"

#include "pictures/Timeline.h"

#include "detect/HappensBefore.h"
#include "report/JsonWriter.h"
#include "report/TraceFindings.h"
#include "trace/Describe.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>

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

struct PerfettoWriter::Impl {
  Impl(std::ostream &OS, const trace::Trace &T, const PerfettoOptions &O)
      : OS(OS), T(T), O(O), W(OS), TB(T), HB(T), Findings(T) {}

  std::ostream &OS;
  const trace::Trace &T;
  PerfettoOptions O;
  EventWriter W;
  int Pid = 0;
  pictures::TimelineBuilder TB;
  detect::HappensBeforeTracker HB;
  report::FindingCollector Findings;
  std::vector<detect::HappensBeforeTracker::Found> Found;
  size_t I = 0;           // events so far
  uint64_t SyncEvents = 0; // synchronization events so far
  uint64_t LastNs = 0;    // of the last event
  bool Crossed = false;   // an event at or after the window's start came
  size_t NumFindings = 0; // complete finding groups so far
  uint64_t FindingAt = 0; // the open group's time and actor
  uint32_t FindingActor = 0;
  size_t NextFlow = 0;
  std::set<uint32_t> Named; // actors whose track is named

  /// The process an actor ran in: its own in a run with processes.
  uint32_t pidOf(uint32_t Actor) const {
    auto It = T.Actors.find(Actor);
    return It != T.Actors.end() && It->second.Process ? It->second.Process
                                                      : uint32_t(Pid);
  }
  std::string pidText(uint32_t Actor) const {
    return std::to_string(pidOf(Actor));
  }
  void processName(uint32_t ProcessPid, const std::string &Name,
                   size_t Order);

  bool drawn(uint32_t Actor) const {
    if (O.Actors.empty())
      return true;
    auto It = T.Actors.find(Actor);
    return It != T.Actors.end() && O.Actors.count(It->second.Name);
  }
  bool inWindow(uint64_t Ns) const { return Ns >= O.FromNs && Ns <= O.ToNs; }
  bool shown(uint32_t Actor, uint64_t Ns) const {
    return drawn(Actor) && inWindow(Ns);
  }

  void header();
  void name(uint32_t Actor);
  void slice(uint32_t Actor, uint64_t Begin, uint64_t Dur,
             std::string_view Name, std::string_view Cat,
             std::string_view Site, std::string_view Note);
  void held(const Interval &Iv, bool Begin, uint64_t At);
  void interval(const Interval &Iv);
  void finding(const report::Finding &F);
  void event(const Event &E, uint64_t Ns);
  void finish();
};

void PerfettoWriter::Impl::header() {
  const trace::FileHeader &H = T.Header;
  const bool Virtual = H.RunMode == 1;
  std::string Program(H.Program, strnlen(H.Program, sizeof H.Program));
  Pid = static_cast<int>(H.Pid);
  OS << "{\"displayTimeUnit\": \"ms\",\n\"otherData\": {";
  OS << "\"program\": ";
  report::writeJsonString(OS, Program);
  OS << ", \"pid\": " << H.Pid << ", \"time\": "
     << (Virtual ? "\"virtual (controlled scheduler)\"" : "\"wall clock\"");
  if (Virtual)
    OS << ", \"seed\": " << H.Seed;
  OS << ", \"closed_cleanly\": " << (T.closedCleanly() ? "true" : "false")
     << "},\n\"traceEvents\": [";
  // Names of the processes (one group of tracks each) and, at its first
  // event, of each actor's track.
  const std::string Time = Virtual ? ", virtual time" : "";
  const std::string Root = T.Processes.size() > 1 ? "MainProcess (pid " : "";
  processName(Pid,
              Root.empty() ? Program + " (pid " + std::to_string(Pid) + ")" + Time
                           : Root + std::to_string(Pid) + "): " + Program + Time,
              0);
  for (size_t I = 1; I < T.Processes.size(); ++I) {
    const auto &[ChildPid, Name] = T.Processes[I];
    processName(ChildPid,
                Name + (Name.find("pid ") == std::string::npos
                            ? " (pid " + std::to_string(ChildPid) + ")"
                            : "") +
                    Time,
                I);
  }
}

void PerfettoWriter::Impl::processName(uint32_t ProcessPid,
                                       const std::string &Name,
                                       size_t Order) {
  W.begin();
  W.field("ph", "M", false);
  W.field("name", "process_name");
  W.raw("pid", std::to_string(ProcessPid));
  OS << ", \"args\": {\"name\": ";
  report::writeJsonString(OS, Name);
  OS << "}";
  W.end();
  W.begin();
  W.field("ph", "M", false);
  W.field("name", "process_sort_index");
  W.raw("pid", std::to_string(ProcessPid));
  OS << ", \"args\": {\"sort_index\": " << Order << "}";
  W.end();
}

void PerfettoWriter::Impl::name(uint32_t Actor) {
  if (!drawn(Actor) || !Named.insert(Actor).second)
    return;
  W.begin();
  W.field("ph", "M", false);
  W.field("name", "thread_name");
  W.raw("pid", pidText(Actor));
  W.raw("tid", std::to_string(Actor));
  OS << ", \"args\": {\"name\": ";
  report::writeJsonString(OS, T.actorName(Actor));
  OS << "}";
  W.end();
  W.begin();
  W.field("ph", "M", false);
  W.field("name", "thread_sort_index");
  W.raw("pid", pidText(Actor));
  W.raw("tid", std::to_string(Actor));
  OS << ", \"args\": {\"sort_index\": " << Actor << "}";
  W.end();
}

void PerfettoWriter::Impl::slice(uint32_t Actor, uint64_t Begin, uint64_t Dur,
                                 std::string_view Name, std::string_view Cat,
                                 std::string_view Site,
                                 std::string_view Note) {
  W.begin();
  W.field("ph", "X", false);
  W.field("cat", Cat);
  W.field("name", Name);
  W.raw("pid", pidText(Actor));
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
}

// Lock holds as async slices: "b" at the outermost acquire, "e" at the
// release that frees the lock (or at the trace's end, "never released").
void PerfettoWriter::Impl::held(const Interval &Iv, bool Begin, uint64_t At) {
  W.begin();
  W.field("ph", Begin ? "b" : "e", false);
  W.field("cat", "held");
  W.field("name", Iv.Name);
  W.raw("id", std::to_string(Iv.Id + 1));
  W.raw("pid", pidText(Iv.Actor));
  W.raw("tid", std::to_string(Iv.Actor));
  W.raw("ts", micros(At));
  if (!Begin && Iv.Open)
    OS << ", \"args\": {\"note\": \"never released: the trace ends here\"}";
  W.end();
}

// An interval (not a hold) once it ended, as a slice cut to the window: if
// its actor is drawn and it began inside the window or reaches into it.
void PerfettoWriter::Impl::interval(const Interval &Iv) {
  if (!drawn(Iv.Actor) ||
      !(inWindow(Iv.BeginNs) || (Iv.BeginNs < O.FromNs && Iv.EndNs >= O.FromNs)))
    return;
  uint64_t Begin = std::max(Iv.BeginNs, O.FromNs);
  uint64_t End = std::min(Iv.EndNs, std::max(O.ToNs, Begin));
  const char *Note = "";
  if (Iv.K == Interval::Life)
    Note = Iv.Open ? "still running when the trace ends" : "";
  else if (Iv.Open)
    Note = "never ended: the trace ends here";
  else if (Iv.Cut)
    Note = "never ended: the program was ended";
  const char *Cat = Iv.K == Interval::Life      ? "life"
                    : Iv.K == Interval::Blocked ? "blocked"
                                                : "sleep";
  slice(Iv.Actor, Begin, End - Begin, Iv.Name, Cat,
        Iv.K == Interval::Life ? "" : fullSite(T, Iv.Site), Note);
}

// A finding as a global instant, at the time of the event before it.
void PerfettoWriter::Impl::finding(const report::Finding &F) {
  W.begin();
  W.field("ph", "i", false);
  W.field("s", "g");
  W.field("cat", "finding");
  W.field("name",
          F.Message + " [" + std::string(report::ruleInfo(F.Rule).Id) + "]");
  W.raw("pid", pidText(FindingActor));
  W.raw("tid", std::to_string(FindingActor));
  W.raw("ts", micros(FindingAt));
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

void PerfettoWriter::Impl::event(const Event &E, uint64_t Ns) {
  // Holds that began before the window and are still held when it starts
  // begin at its edge.
  if (!Crossed && Ns >= O.FromNs) {
    Crossed = true;
    for (const Interval *Iv : TB.openNow())
      if (Iv->K == Interval::Held && drawn(Iv->Actor) &&
          Iv->BeginNs < O.FromNs)
        held(*Iv, true, O.FromNs);
  }
  if (E.Kind == EventKind::FindingBegin) {
    FindingAt = I ? LastNs : 0;
    FindingActor = E.Actor;
  }
  Findings.onEvent(E);
  std::vector<report::Finding> Done = Findings.take();
  for (const report::Finding &F : Done)
    if (inWindow(FindingAt))
      finding(F);
  const trace::EventInfo *Info = trace::eventInfo(E.Kind);
  if (!Info || Info->Cat != trace::Category::Sync)
    return;
  TB.onEvent(E, I, Ns);
  Found.clear();
  HB.onEvent(E, I, Ns, Found);
  bool Shown = shown(E.Actor, Ns);
  name(E.Actor); // every actor drawn has its track, in or out of the window
  // What ends here: waits and sleeps as slices; holds.
  for (const Interval &Iv : TB.closed()) {
    if (Iv.K != Interval::Held) {
      interval(Iv);
      continue;
    }
    if (!drawn(Iv.Actor))
      continue;
    if (inWindow(Ns))
      held(Iv, false, Ns); // (also when the releaser is not drawn)
    else if (Ns > O.ToNs && Iv.BeginNs <= O.ToNs)
      held(Iv, false, O.ToNs); // it outlasts the window
  }
  if (!Shown)
    return;
  // The operation itself: a slice of no length, which arrows bind to.
  std::string What = trace::objectText(T, E);
  slice(E.Actor, Ns, 0,
        std::string(Info->Name) + (What.empty() ? "" : " " + What), "op",
        fullSite(T, E.Site), "");
  // Arrows that arrive here: "s" where the edge leaves, "f" (bound to the
  // enclosing slice) here; both ends must be drawn.
  for (const auto &F : Found) {
    size_t Id = ++NextFlow;
    if (!shown(F.From.Actor, F.From.Stamp))
      continue;
    for (bool Arrives : {false, true}) {
      W.begin();
      W.field("ph", Arrives ? "f" : "s", false);
      if (Arrives)
        W.field("bp", "e");
      W.field("cat", "happens-before");
      W.field("name", F.Label);
      W.raw("id", std::to_string(Id));
      const uint32_t End = Arrives ? E.Actor : F.From.Actor;
      W.raw("pid", pidText(End));
      W.raw("tid", std::to_string(End));
      W.raw("ts", micros(Arrives ? Ns : F.From.Stamp));
      W.end();
    }
  }
  for (const Interval &Iv : TB.opened())
    if (Iv.K == Interval::Held)
      held(Iv, true, Ns);
}

void PerfettoWriter::Impl::finish() {
  const uint64_t EndNs = I ? LastNs + 1 : 0;
  if (!Crossed)
    for (const Interval *Iv : TB.openNow())
      if (Iv->K == Interval::Held && drawn(Iv->Actor) &&
          Iv->BeginNs < O.FromNs && EndNs >= O.FromNs)
        held(*Iv, true, O.FromNs);
  for (const Interval &Iv : TB.finish(I, EndNs)) {
    if (Iv.K != Interval::Held)
      interval(Iv);
    else if (drawn(Iv.Actor) && Iv.BeginNs <= O.ToNs && EndNs >= O.FromNs)
      held(Iv, false, std::min(EndNs, O.ToNs)); // never released
  }
  OS << "\n]}\n";
}

PerfettoWriter::PerfettoWriter(std::ostream &OS, const trace::Trace &Tables,
                               const PerfettoOptions &O)
    : P(std::make_unique<Impl>(OS, Tables, O)) {
  if (O.FromEvent) // nothing is in the window until that event comes
    P->O.FromNs = UINT64_MAX;
  P->header();
}

PerfettoWriter::~PerfettoWriter() = default;

void PerfettoWriter::onEvent(const Event &E) {
  // Nanoseconds, strictly increasing (equal microseconds spread).
  uint64_t Ns = std::max<uint64_t>(E.TimeUs * 1000, P->I ? P->LastNs + 1 : 0);
  // A range of events becomes the window of their times, set as they come.
  const trace::EventInfo *Info = trace::eventInfo(E.Kind);
  if (Info && Info->Cat == trace::Category::Sync) {
    ++P->SyncEvents;
    if (P->SyncEvents == P->O.FromEvent)
      P->O.FromNs = Ns;
    if (P->SyncEvents == P->O.ToEvent)
      P->O.ToNs = Ns;
  }
  P->event(E, Ns);
  P->LastNs = Ns;
  ++P->I;
}

void PerfettoWriter::finish() { P->finish(); }

void writePerfetto(std::ostream &OS, const trace::Trace &T,
                   const PerfettoOptions &O) {
  PerfettoWriter W(OS, T, O);
  for (const Event &E : T.Events)
    W.onEvent(E);
  W.finish();
}

} // namespace weft::pictures
