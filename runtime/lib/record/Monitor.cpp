//===- runtime/lib/record/Monitor.cpp - online detection and the end of a run ----===//
#include "record/Monitor.h"

#include "core/Actor.h"
#include "record/Recorder.h"
#include "tsan/TsanAnnotations.h"
#include "tsan/TsanReport.h"
#include "report/Render.h"
#include "trace/ObjectName.h"
#include "report/TraceFindings.h"

#include <cstdio>
#include <mutex>
#include <sstream>
#include <unistd.h>

namespace weft::core {
namespace {

void writeAll(int Fd, const std::string &S) {
  size_t Done = 0;
  while (Done < S.size()) {
    ssize_t N = ::write(Fd, S.data() + Done, S.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    Done += static_cast<size_t>(N);
  }
}

} // namespace

// -- LiveSymbols ------------------------------------------------------------

report::Location LiveSymbols::site(uint32_t SiteId) const {
  return Rec.location(SiteId);
}

std::string LiveSymbols::actorName(uint32_t Id) const {
  const Actor *A = Actors.get(Id);
  if (!A)
    return "thread #" + std::to_string(Id);
  std::string Type(trace::actorTypeName(A->Type));
  std::string Name = A->Type == trace::ActorType::Process &&
                             !Rec.processName().empty()
                         ? Rec.processName()
                         : Actors.name(*A);
  if (Name.empty())
    return Type + " #" + std::to_string(Id);
  return Type + " '" + Name + "'";
}

std::string LiveSymbols::objectName(uint32_t Id) const {
  ObjectEntry O = Rec.object(Id);
  if (O.Site == 0 && O.Name.empty() && O.Type == trace::ObjectType::Unknown)
    return "object #" + std::to_string(Id);
  report::Location L = Rec.location(O.Site);
  return trace::describeObject(trace::objectTypeName(O.Type), O.Name, L.File,
                               L.Line, L.Column, Id,
                               [&] { return Rec.otherObjectOnLine(Id); });
}

trace::ObjectType LiveSymbols::objectType(uint32_t Id) const {
  return Rec.object(Id).Type;
}

report::Location LiveSymbols::actorStart(uint32_t Id) const {
  const Actor *A = Actors.get(Id);
  return A ? Rec.location(A->StartSite) : report::Location{};
}

// -- Monitor ------------------------------------------------------------------

Monitor::Monitor(Recorder &Rec, const ActorRegistry &Actors, const Flags &F)
    : Rec(Rec), Actors(Actors), Settings(F), Syms(Rec, Actors), Check(Syms) {}

void Monitor::setTrace(std::string Path, bool Chosen) {
  TracePath = std::move(Path);
  TraceChosen = Chosen;
}

void Monitor::onEventLocked(const trace::Event &E) {
  if (Finished)
    return;
#ifdef WEFT_TSAN_ENABLED
  tsanOnEventLocked(*this, E); // ThreadSanitizer's reports so far
#endif
  size_t Before = Findings.size();
  Check.onEvent(E, Findings);
  if (trace::TraceWriter *W = Rec.writer())
    for (size_t I = Before; I < Findings.size(); ++I)
      report::writeFinding(*W, Findings[I], E.Actor, E.Seq);
  if (Check.deadlocked())
    exitDeadlockedLocked();
}

void Monitor::addFindingLocked(report::Finding F, uint16_t Actor) {
  if (Finished)
    return;
  if (trace::TraceWriter *W = Rec.writer())
    report::writeFinding(*W, F, Actor, Rec.lastDrained());
  Findings.push_back(std::move(F));
}

void Monitor::exitDeadlockedLocked() {
  // The actors of the cycle can never run again, so the program would hang
  // here: record that the runtime ended it, report, and leave.
  Rec.appendExitLocked(1);
  finishLocked();
  std::fflush(nullptr);
  WEFT_TSAN_BEFORE_EXIT();
  ::_exit(Settings.ExitCode);
}

size_t Monitor::finish() {
  std::lock_guard<InternalMutex> G(Rec.orderMutex());
  if (!Finished)
    Rec.drainLocked(); // may end the process (a deadlock)
  return finishLocked();
}

size_t Monitor::finishLocked() {
  if (Finished)
    return Findings.size();
#ifdef WEFT_TSAN_ENABLED
  tsanFinishLocked(*this); // the reports that came after the last event
#endif
  Finished = true;

  report::Report R;
  R.Findings = Findings;
  report::normalize(R);
  bool Kept = TraceChosen || !Findings.empty();
  if (Settings.Report != ReportMode::Off && !R.Findings.empty()) {
    std::ostringstream OS;
    report::RenderOptions O;
    switch (Settings.Report) {
    case ReportMode::Text:
      O.Color = report::colorWanted(2);
      report::renderText(OS, R, O);
      break;
    case ReportMode::Json:
      report::renderJson(OS, R, O);
      break;
    case ReportMode::Sarif:
      report::renderSarif(OS, R, O);
      break;
    case ReportMode::Off:
      break;
    }
    if (Settings.Report == ReportMode::Text && Rec.writer() && Kept)
      OS << "weft: trace written to " << TracePath << "\n";
    std::fflush(stdout);
    writeAll(2, OS.str());
  }
  if (trace::TraceWriter *W = Rec.writer()) {
    W->close();
    if (!Kept)
      ::unlink(TracePath.c_str());
  }
  return Findings.size();
}

} // namespace weft::core
