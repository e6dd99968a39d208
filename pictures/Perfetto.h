//===- pictures/Perfetto.h - a trace as Trace Event Format JSON -----------===//
//
// The JSON that ui.perfetto.dev and chrome://tracing open (the Trace Event
// Format): one track per actor, named after it, grouped by process in a
// run with processes (trace/Run.h); a slice for each actor's
// life, for every blocked interval (named after what it waits for and who
// held it when the wait began) and for every operation (with its call site
// in args); an async slice for every interval a lock is held; a flow arrow
// for every happens-before edge between actors (detect/HappensBefore.h);
// each finding as a global instant with its rule, message and lines.
//
// Times are microseconds since the trace started, virtual under the
// controlled scheduler (the process is named so). Events that share a
// microsecond are spread by nanoseconds in the order the detectors saw
// them, so every arrow points forward.
//
// PerfettoWriter writes as the events go by (a trace read as a stream): an
// operation when it comes, an interval when it ends (the format does not
// ask for events in time order; the viewers sort them), an arrow when its
// acquire comes, a finding when its record group ends. It holds the open
// intervals and the pending releases (detect/HappensBefore.h), not the
// events.
//===----------------------------------------------------------------------===//
#ifndef WEFT_PICTURES_PERFETTO_H
#define WEFT_PICTURES_PERFETTO_H

#include "report/Finding.h"
#include "trace/Trace.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace weft::pictures {

/// What to draw: a window of time and a set of actors. Slices that cross
/// the window's edges are cut there; arrows need both ends inside.
struct PerfettoOptions {
  uint64_t FromNs = 0, ToNs = UINT64_MAX; // times since the trace began
  /// Or a range of events: the From-th to the To-th synchronization event
  /// (1-based, as `weft trace show` lists them); 0: not set. The window
  /// then runs from the time of the first to that of the second.
  uint64_t FromEvent = 0, ToEvent = 0;
  std::set<std::string> Actors; // actor names; empty: all
};

class PerfettoWriter {
public:
  /// Writes the header; \p Tables gives the names (its Events are not
  /// read) and must outlive the writer.
  PerfettoWriter(std::ostream &OS, const trace::Trace &Tables,
                 const PerfettoOptions &O = {});
  ~PerfettoWriter();
  /// Each event of the trace, in order.
  void onEvent(const trace::Event &E);
  /// Writes what is still open at the end of the trace and closes the JSON.
  void finish();

  struct Impl;

private:
  std::unique_ptr<Impl> P;
};

/// Writes the whole trace \p T (with the findings recorded in it) as
/// Trace Event Format JSON to \p OS.
void writePerfetto(std::ostream &OS, const trace::Trace &T,
                   const PerfettoOptions &O = {});

} // namespace weft::pictures

#endif
