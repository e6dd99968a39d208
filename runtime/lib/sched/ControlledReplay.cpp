//===- runtime/lib/sched/ControlledReplay.cpp - what a replay must reproduce ----===//
#include "sched/ControlledReplay.h"

#include "core/Runtime.h"
#include "trace/Trace.h"

namespace weft::core {
namespace {

using trace::EventKind;

/// Whether the object field names an actor, an object, or neither.
enum class ObjectField { Actor, Object, Value };

ObjectField objectField(EventKind K) {
  switch (K) {
  case EventKind::ThreadStart:
  case EventKind::ThreadBegin:
  case EventKind::ThreadJoin:
  case EventKind::JoinRequest:
  case EventKind::DaemonKilled:
    return ObjectField::Actor;
  case EventKind::ThreadEnd:
  case EventKind::ProgramExit:
  case EventKind::Sleep:
    return ObjectField::Value;
  default:
    return ObjectField::Object;
  }
}

std::string siteString(const std::string &File, uint32_t Line,
                       uint32_t Column) {
  if (File.empty())
    return "";
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

std::string describe(EventKind Kind, const std::string &Actor,
                     const std::string &Object, const std::string &Site) {
  std::string S = Actor + " " + std::string(trace::eventName(Kind));
  if (!Object.empty())
    S += " " + Object;
  if (!Site.empty())
    S += " at " + Site;
  return S;
}

} // namespace

bool loadReplayScript(const std::string &Path, ReplayScript &Out,
                      std::string &Error) {
  trace::Trace T;
  if (!trace::readTrace(Path, T, Error))
    return false;
  if (T.Header.RunMode != static_cast<uint8_t>(trace::Mode::Controlled)) {
    Error = "it records a native run, not a controlled one (record it with "
            "`weft run --schedule=...` or `weft explore`)";
    return false;
  }
  Out.Seed = T.Header.Seed;
  for (const trace::Event &E : T.Events) {
    const trace::EventInfo *Info = trace::eventInfo(E.Kind);
    if (!Info || Info->Cat != trace::Category::Sync)
      continue;
    if (E.Kind == EventKind::Schedule) {
      Out.Choices.push_back({E.Actor, (E.Flags & 1) != 0});
      continue;
    }
    // Written by the runtime as it ended the run, not by an operation.
    if (E.Kind == EventKind::ProgramExit && E.Flags == 1)
      continue;
    ExpectedEvent X{E.Kind, E.Flags, E.Actor, E.Object, "", ""};
    if (const trace::SiteInfo *S = T.site(E.Site))
      X.Site = siteString(S->File, S->Line, S->Column);
    std::string Object;
    switch (objectField(E.Kind)) {
    case ObjectField::Actor:
      Object = E.Object ? T.actorName(E.Object) : "";
      break;
    case ObjectField::Object:
      Object = T.objectName(E.Object);
      break;
    case ObjectField::Value:
      break;
    }
    X.Text = describe(E.Kind, T.actorName(E.Actor), Object, X.Site);
    Out.Events.push_back(std::move(X));
  }
  return true;
}

std::string liveSiteText(Runtime &R, uint32_t Site) {
  if (Site == 0)
    return "";
  report::Location L = R.Rec.location(Site);
  return siteString(L.File, L.Line, L.Column);
}

std::string describeLiveEvent(Runtime &R, EventKind Kind, uint8_t Flags,
                              uint16_t Actor, uint32_t Object, uint32_t Site) {
  (void)Flags;
  LiveSymbols Syms(R.Rec, R.Actors);
  std::string Obj;
  switch (objectField(Kind)) {
  case ObjectField::Actor:
    Obj = Object ? Syms.actorName(Object) : "";
    break;
  case ObjectField::Object:
    Obj = Syms.objectName(Object);
    break;
  case ObjectField::Value:
    break;
  }
  return describe(Kind, Syms.actorName(Actor), Obj, liveSiteText(R, Site));
}

} // namespace weft::core
