//===- pictures/Perfetto.h - a trace as Trace Event Format JSON -----------===//
//
// The JSON that ui.perfetto.dev and chrome://tracing open (the Trace Event
// Format): one track per actor, named after it; a slice for each actor's
// life, for every blocked interval (named after what it waits for and who
// held it when the wait began) and for every operation (with its call site
// in args); an async slice for every interval a lock is held; a flow arrow
// for every happens-before edge between actors (detect/HappensBefore.h);
// each finding as a global instant with its rule, message and lines.
//
// Times are microseconds since the trace started, virtual under the
// controlled scheduler (the process is named so). Events that share a
// microsecond are spread by nanoseconds in the order the detectors saw
// them, so every track is in order and every arrow points forward.
//===----------------------------------------------------------------------===//
#ifndef WEFT_PICTURES_PERFETTO_H
#define WEFT_PICTURES_PERFETTO_H

#include "report/Finding.h"
#include "trace/Trace.h"

#include <cstdint>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace weft::pictures {

/// What to draw: a window of time and a set of actors. Slices that cross
/// the window's edges are cut there; arrows need both ends inside.
struct PerfettoOptions {
  uint64_t FromNs = 0, ToNs = UINT64_MAX; // times since the trace began
  std::set<std::string> Actors;           // actor names; empty: all
};

/// Writes \p T (and the \p Findings recorded in it, in the order of their
/// FindingBegin events) as Trace Event Format JSON to \p OS.
void writePerfetto(std::ostream &OS, const trace::Trace &T,
                   const std::vector<report::Finding> &Findings,
                   const PerfettoOptions &O = {});

} // namespace weft::pictures

#endif
