//===- pictures/Html.h - one self-contained HTML page for a trace ---------===//
//
// `weft report`: the findings of a run with the source lines around each
// location, an SVG timeline of the actors (lives, blocked intervals, lock
// holds, operations, happens-before arrows), the events and arrows at a
// finding's lines highlighted, and the command that replays the run. No
// network, no external scripts, styles or fonts: the file opens anywhere.
//===----------------------------------------------------------------------===//
#ifndef WEFT_PICTURES_HTML_H
#define WEFT_PICTURES_HTML_H

#include "report/Finding.h"
#include "trace/Trace.h"

#include <ostream>
#include <string>
#include <vector>

namespace weft::pictures {

struct HtmlOptions {
  std::string TracePath;   // shown, and used in the replay command
  size_t MaxEvents = 400;  // the timeline draws at most the last N events
  unsigned ContextLines = 2; // source lines shown around a location
};

void writeHtmlReport(std::ostream &OS, const trace::Trace &T,
                     const std::vector<report::Finding> &Findings,
                     const HtmlOptions &O);

} // namespace weft::pictures

#endif
