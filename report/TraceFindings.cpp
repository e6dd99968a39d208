//===- report/TraceFindings.cpp - findings stored in a trace --------------===//
#include "report/TraceFindings.h"

namespace weft::report {

namespace {
using trace::EventKind;
using trace::Record;

Record makeRecord(EventKind K) {
  Record R{};
  R.Kind = static_cast<uint8_t>(K);
  return R;
}

uint32_t siteOf(trace::TraceWriter &W, const Location &L) {
  if (L.File.empty())
    return 0;
  return W.internSite(L.File, L.Line, L.Column);
}

Location locationOf(const trace::Trace &T, uint32_t Site) {
  const trace::SiteInfo *S = T.site(Site);
  if (!S)
    return {};
  return Location{S->File, S->Line, S->Column};
}

std::string stringOf(const trace::Trace &T, uint32_t Id) {
  auto It = T.Strings.find(Id);
  return It == T.Strings.end() ? std::string() : It->second;
}
} // namespace

void writeFinding(trace::TraceWriter &W, const Finding &F, uint16_t Actor,
                  uint64_t AfterSeq) {
  // Intern first: definitions are records too and must not split the group.
  std::vector<Record> Group;
  Record Begin = makeRecord(EventKind::FindingBegin);
  Begin.Flags = static_cast<uint8_t>(F.Sev);
  Begin.Actor = Actor;
  Begin.Object = static_cast<uint32_t>(F.Rule);
  Begin.Site = siteOf(W, F.Loc);
  Begin.Time = static_cast<uint32_t>(AfterSeq);
  Group.push_back(Begin);
  Record Msg = makeRecord(EventKind::FindingMessage);
  Msg.Actor = Actor;
  Msg.Object = W.internString(F.Message);
  Group.push_back(Msg);
  for (const Related &N : F.Notes) {
    Record Rel = makeRecord(EventKind::FindingRelated);
    Rel.Actor = Actor;
    Rel.Site = siteOf(W, N.Loc);
    Rel.Object = W.internString(N.Message);
    Group.push_back(Rel);
  }
  Record End = makeRecord(EventKind::FindingEnd);
  End.Actor = Actor;
  Group.push_back(End);
  W.appendMany(Group.data(), Group.size());
}

void FindingCollector::onEvent(const trace::Event &E) {
  switch (E.Kind) {
  case EventKind::FindingBegin: {
    Open.reset(); // a group without its end is incomplete: drop it
    if (E.Object >= static_cast<uint32_t>(RuleId::NumRules))
      break; // a rule this weft does not know
    Finding F;
    F.Rule = static_cast<RuleId>(E.Object);
    F.Sev = E.Flags <= static_cast<uint8_t>(Severity::Error)
                ? static_cast<Severity>(E.Flags)
                : ruleInfo(F.Rule).DefaultSeverity;
    F.Loc = locationOf(T, E.Site);
    F.Origin = "runtime";
    Open = std::move(F);
    break;
  }
  case EventKind::FindingMessage:
    if (Open)
      Open->Message = stringOf(T, E.Object);
    break;
  case EventKind::FindingRelated:
    if (Open)
      Open->Notes.push_back({locationOf(T, E.Site), stringOf(T, E.Object)});
    break;
  case EventKind::FindingEnd:
    if (Open)
      Out.push_back(std::move(*Open));
    Open.reset();
    break;
  default:
    break;
  }
}

std::vector<Finding> findingsInTrace(const trace::Trace &T) {
  FindingCollector C(T);
  for (const trace::Event &E : T.Events)
    C.onEvent(E);
  return C.take();
}

} // namespace weft::report
