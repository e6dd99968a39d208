//===- pictures/Html.cpp - one self-contained HTML page for a trace -------===//
#include "pictures/Html.h"

#include "detect/HappensBefore.h"
#include "pictures/Timeline.h"
#include "trace/Describe.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

namespace weft::pictures {
namespace {

using trace::Event;
using trace::EventKind;

std::string esc(std::string_view S) {
  std::string R;
  R.reserve(S.size());
  for (char C : S) {
    switch (C) {
    case '&': R += "&amp;"; break;
    case '<': R += "&lt;"; break;
    case '>': R += "&gt;"; break;
    case '"': R += "&quot;"; break;
    default: R += C;
    }
  }
  return R;
}

/// Source files, read once each.
class Sources {
public:
  /// Lines [Line - Ctx, Line + Ctx] of \p File as an HTML <pre>, the line
  /// itself marked; empty if the file cannot be read.
  std::string excerpt(const report::Location &L, unsigned Ctx) {
    if (L.File.empty() || L.Line == 0)
      return "";
    const std::vector<std::string> &Lines = file(L.File);
    if (L.Line > Lines.size())
      return "";
    unsigned First = L.Line > Ctx ? L.Line - Ctx : 1;
    unsigned Last = std::min<unsigned>(Lines.size(), L.Line + Ctx);
    std::string R = "<pre class=\"source\">";
    for (unsigned N = First; N <= Last; ++N) {
      std::string Text = fmt::format("{:>5} | {}", N, Lines[N - 1]);
      R += N == L.Line ? "<mark>" + esc(Text) + "</mark>\n" : esc(Text) + "\n";
    }
    return R + "</pre>";
  }

private:
  const std::vector<std::string> &file(const std::string &Path) {
    auto It = Cache.find(Path);
    if (It != Cache.end())
      return It->second;
    std::vector<std::string> &Lines = Cache[Path];
    std::ifstream In(Path);
    for (std::string Line; std::getline(In, Line);)
      Lines.push_back(Line);
    return Lines;
  }
  std::map<std::string, std::vector<std::string>> Cache;
};

const char *Style = R"(
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
.meta { color: #555; }
.finding { border-left: 4px solid #c00; padding: 0.2em 0.8em; margin: 1em 0;
  background: #fff6f6; cursor: pointer; }
.finding.sev-warning { border-color: #d80; background: #fffaf0; }
.finding.sev-note { border-color: #06c; background: #f4f8ff; }
.finding.selected { outline: 2px solid #333; }
.rule { font-family: monospace; background: #eee; padding: 0 0.3em; }
.loc { font-family: monospace; color: #333; }
pre.source { background: #f7f7f7; padding: 0.3em; margin: 0.2em 0 0.6em;
  overflow-x: auto; }
pre.source mark { background: #ffe08a; }
pre.command { background: #222; color: #eee; padding: 0.6em; }
#timeline-box { overflow-x: auto; border: 1px solid #ddd; }
svg text { font-family: sans-serif; font-size: 11px; }
svg .life { stroke: #999; stroke-width: 2; }
svg .blocked { fill: #e55; opacity: 0.55; }
svg .sleep { fill: #8ad; opacity: 0.5; }
svg .held { fill: #5a5; opacity: 0.6; }
svg .op { fill: #444; }
svg .hb { stroke: #36c; stroke-width: 1.2; fill: none; opacity: 0.45; }
svg .finding-mark { stroke: #c00; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .hl.op { fill: #c00; r: 6; }
svg .hl.hb { stroke: #c00; stroke-width: 2.5; opacity: 1; }
)";

// Clicking a finding highlights only its events and arrows; clicking it
// again shows every finding's. The body's data-drawn attribute tells what
// the browser laid out (tests read it).
const char *Script = R"(
(function () {
  var findings = document.querySelectorAll('.finding');
  var marked = document.querySelectorAll('svg [data-findings]');
  function show(id) {
    marked.forEach(function (el) {
      var ids = el.getAttribute('data-findings').split(' ');
      el.classList.toggle('hl', id === null || ids.indexOf(id) >= 0);
    });
    findings.forEach(function (f) {
      f.classList.toggle('selected', f.getAttribute('data-id') === id);
    });
  }
  var current = null;
  findings.forEach(function (f) {
    f.addEventListener('click', function () {
      var id = f.getAttribute('data-id');
      current = current === id ? null : id;
      show(current);
    });
  });
  show(null);
  var lanes = document.querySelectorAll('svg .lane');
  var laidOut = 0;
  lanes.forEach(function (l) { if (l.getBBox().width > 0) laidOut++; });
  document.body.setAttribute('data-drawn',
    'findings=' + findings.length + ' lanes=' + laidOut + '/' + lanes.length +
    ' arrows=' + document.querySelectorAll('svg .hb').length +
    ' highlighted=' + document.querySelectorAll('svg .hl').length);
})();
)";

} // namespace

void writeHtmlReport(std::ostream &OS, const trace::Trace &T,
                     const std::vector<report::Finding> &Findings,
                     const HtmlOptions &O) {
  const trace::FileHeader &H = T.Header;
  std::string Program(H.Program, strnlen(H.Program, sizeof H.Program));
  std::string Strategy(H.Strategy, strnlen(H.Strategy, sizeof H.Strategy));
  const bool Controlled = H.RunMode == 1;
  Sources Src;

  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
     << "<title>weft: " << esc(Program) << "</title>\n<style>" << Style
     << "</style>\n</head>\n<body>\n";
  OS << "<h1>weft report: " << esc(Program) << "</h1>\n<p class=\"meta\">"
     << "trace " << esc(O.TracePath) << " &middot; "
     << (Controlled ? "controlled run (virtual time), schedule " +
                          esc(Strategy) +
                          (Strategy == "rr" ? ""
                                            : ", seed " + std::to_string(H.Seed))
                    : std::string("native run (wall-clock time)"))
     << " &middot; "
     << (T.closedCleanly() ? "the trace is complete"
                           : "the trace was cut short: the program crashed "
                             "or was killed")
     << "</p>\n";

  // Which events each finding is about: those at one of its lines.
  std::map<std::pair<std::string, unsigned>, std::set<size_t>> AtLine;
  for (size_t K = 0; K < Findings.size(); ++K) {
    const report::Finding &F = Findings[K];
    AtLine[{F.Loc.File, F.Loc.Line}].insert(K + 1);
    for (const report::Related &N : F.Notes)
      AtLine[{N.Loc.File, N.Loc.Line}].insert(K + 1);
  }

  OS << "<section id=\"findings\">\n<h2>" << Findings.size()
     << (Findings.size() == 1 ? " finding" : " findings") << "</h2>\n";
  if (Findings.empty())
    OS << "<p>The run recorded no finding.</p>\n";
  for (size_t K = 0; K < Findings.size(); ++K) {
    const report::Finding &F = Findings[K];
    std::string Sev(report::severityName(F.Sev));
    OS << "<article class=\"finding sev-" << Sev << "\" data-id=\"" << K + 1
       << "\" data-rule=\"" << report::ruleInfo(F.Rule).Id << "\">\n"
       << "<h3><span class=\"rule\">" << report::ruleInfo(F.Rule).Id
       << "</span> " << esc(Sev) << ": " << esc(F.Message) << "</h3>\n";
    if (!F.Loc.File.empty())
      OS << "<p class=\"loc\">" << esc(locationText(F.Loc)) << "</p>\n"
         << Src.excerpt(F.Loc, O.ContextLines) << "\n";
    if (!F.Notes.empty()) {
      OS << "<ul class=\"notes\">\n";
      for (const report::Related &N : F.Notes) {
        OS << "<li>";
        if (!N.Loc.File.empty())
          OS << "<span class=\"loc\">" << esc(locationText(N.Loc)) << "</span> ";
        OS << esc(N.Message);
        if (!N.Loc.File.empty())
          OS << Src.excerpt(N.Loc, 0);
        OS << "</li>\n";
      }
      OS << "</ul>\n";
    }
    OS << "</article>\n";
  }
  OS << "</section>\n";

  // The timeline: the last MaxEvents operations (scheduling decisions are
  // not drawn), one lane per actor.
  const Timeline TL = buildTimeline(T);
  std::vector<size_t> Shown;
  for (size_t I = 0; I < T.Events.size(); ++I) {
    const trace::EventInfo *Info = trace::eventInfo(T.Events[I].Kind);
    if ((Info && Info->Cat == trace::Category::Sync &&
         T.Events[I].Kind != EventKind::Schedule) ||
        T.Events[I].Kind == EventKind::FindingBegin)
      Shown.push_back(I);
  }
  size_t Skipped = 0;
  if (Shown.size() > O.MaxEvents) {
    Skipped = Shown.size() - O.MaxEvents;
    Shown.erase(Shown.begin(), Shown.begin() + Skipped);
  }
  std::map<size_t, size_t> Column; // event -> column
  for (size_t C = 0; C < Shown.size(); ++C)
    Column[Shown[C]] = C;
  const int Left = 190, Step = 18, LaneH = 46, Top = 30;
  std::map<uint32_t, int> Lane;
  for (uint32_t A : TL.Actors)
    Lane.emplace(A, static_cast<int>(Lane.size()));
  const int Width = Left + static_cast<int>(Shown.size() + 1) * Step + 20;
  const int Height = Top + static_cast<int>(Lane.size()) * LaneH + 10;
  // x of an event (clipped to the drawn range); y of a lane's line.
  auto xOf = [&](size_t I) {
    auto It = Column.lower_bound(I);
    if (It == Column.end())
      return Width - 20;
    if (It->first != I && It == Column.begin())
      return Left - Step / 2;
    return Left + static_cast<int>(It->second) * Step;
  };
  auto yOf = [&](uint32_t Actor) { return Top + Lane[Actor] * LaneH + 16; };
  auto marks = [&](const Event &E) -> std::string {
    const trace::SiteInfo *S = T.site(E.Site);
    if (!S)
      return "";
    auto It = AtLine.find({S->File, S->Line});
    if (It == AtLine.end())
      return "";
    std::string R;
    for (size_t K : It->second)
      R += (R.empty() ? "" : " ") + std::to_string(K);
    return " data-findings=\"" + R + "\"";
  };

  OS << "<section id=\"timeline\">\n<h2>Timeline</h2>\n<p class=\"meta\">"
     << "One lane per actor, one column per operation in the order the "
        "detectors saw them. Red bars: blocked; blue: sleeping; green: "
        "holding a lock; arrows: happens-before (a release and the acquire "
        "that received it, a put and its get, a start, a join). Hover for "
        "details; click a finding above to see only its events.";
  if (Skipped)
    OS << " The first " << Skipped << " operations are not drawn.";
  OS << "</p>\n<div id=\"timeline-box\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
     << Width << "\" height=\"" << Height << "\" viewBox=\"0 0 " << Width
     << " " << Height << "\">\n"
     << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
        "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
        "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#36c\"/></marker></defs>\n";
  const size_t FirstShown = Shown.empty() ? 0 : Shown.front();
  for (uint32_t A : TL.Actors)
    OS << "<text class=\"lane\" x=\"8\" y=\"" << yOf(A) + 4 << "\">"
       << esc(T.actorName(A)) << "</text>\n";
  for (const Interval &Iv : TL.Intervals) {
    if (!Iv.open(T) && Iv.End < FirstShown)
      continue;
    int X0 = xOf(Iv.Begin), X1 = Iv.open(T) ? Width - 20 : xOf(Iv.End);
    int Y = yOf(Iv.Actor);
    std::string Title = "<title>" + esc(Iv.Name) + "</title>";
    switch (Iv.K) {
    case Interval::Life:
      OS << "<line class=\"life\" x1=\"" << X0 << "\" y1=\"" << Y
         << "\" x2=\"" << X1 << "\" y2=\"" << Y << "\">" << Title
         << "</line>\n";
      break;
    case Interval::Blocked:
    case Interval::Sleep:
      OS << "<rect class=\""
         << (Iv.K == Interval::Blocked ? "blocked" : "sleep") << "\" x=\""
         << X0 << "\" y=\"" << Y - 9 << "\" width=\"" << std::max(X1 - X0, 3)
         << "\" height=\"8\">" << Title << "</rect>\n";
      break;
    case Interval::Held:
      OS << "<rect class=\"held\" x=\"" << X0 << "\" y=\"" << Y + 3
         << "\" width=\"" << std::max(X1 - X0, 3) << "\" height=\"5\">"
         << Title << "</rect>\n";
      break;
    }
  }
  for (const detect::HbEdge &Ed : detect::happensBeforeEdges(T)) {
    if (!Column.count(Ed.From) || !Column.count(Ed.To))
      continue;
    const Event &From = T.Events[Ed.From], &To = T.Events[Ed.To];
    int X0 = xOf(Ed.From), Y0 = yOf(From.Actor), X1 = xOf(Ed.To),
        Y1 = yOf(To.Actor);
    std::string M = marks(To).empty() ? marks(From) : marks(To);
    OS << "<path class=\"hb\"" << M << " marker-end=\"url(#arrow)\" d=\"M "
       << X0 << " " << Y0 << " C " << X0 + Step << " " << Y0 << ", "
       << X1 - Step << " " << Y1 << ", " << X1 << " " << Y1 << "\"><title>"
       << esc(std::string(Ed.Label)) << "</title></path>\n";
  }
  size_t NextFinding = 0;
  for (size_t I = 0; I < T.Events.size(); ++I)
    if (T.Events[I].Kind == EventKind::FindingBegin) {
      ++NextFinding;
      if (!Column.count(I) || NextFinding > Findings.size())
        continue;
      int X = xOf(I);
      OS << "<line class=\"finding-mark\" x1=\"" << X << "\" y1=\"" << Top - 14
         << "\" x2=\"" << X << "\" y2=\"" << Height - 6 << "\"><title>"
         << esc(Findings[NextFinding - 1].Message) << "</title></line>\n"
         << "<text x=\"" << X + 3 << "\" y=\"" << Top - 16 << "\" fill=\"#c00\">"
         << esc(std::string(report::ruleInfo(Findings[NextFinding - 1].Rule).Id))
         << "</text>\n";
    }
  for (size_t I : Shown) {
    const Event &E = T.Events[I];
    if (E.Kind == EventKind::FindingBegin)
      continue;
    std::string What = trace::objectText(T, E);
    std::string Site = trace::siteText(T, E.Site);
    OS << "<circle class=\"op\"" << marks(E) << " cx=\"" << xOf(I)
       << "\" cy=\"" << yOf(E.Actor) << "\" r=\"3.5\"><title>"
       << esc(std::string(trace::eventName(E.Kind)) +
              (What.empty() ? "" : " " + What) +
              (Site.empty() ? "" : " at " + Site))
       << "</title></circle>\n";
  }
  OS << "</svg>\n</div>\n</section>\n";

  OS << "<section id=\"replay\">\n<h2>Replay</h2>\n";
  if (Controlled)
    OS << "<p>This run was made under the controlled scheduler: replaying "
          "its trace repeats it exactly (the same events, the same "
          "findings).</p>\n<pre class=\"command\">weft replay "
       << esc(O.TracePath) << "</pre>\n";
  else
    OS << "<p>This run was not controlled, so it cannot be replayed as it "
          "was. Explore schedules to get a replayable failing one:</p>\n"
          "<pre class=\"command\">weft explore "
       << esc(Program) << "</pre>\n";
  OS << "</section>\n<script>" << Script << "</script>\n</body>\n</html>\n";
}

} // namespace weft::pictures
