//===- pictures/Graphs.h - lock-order and wait-for graphs as DOT ----------===//
//
// Graphviz DOT for two graphs of a trace, computed by the same detectors
// the runtime runs (detect::Checker fed the trace's events):
//   - the lock-order graph: locks as nodes, an edge A -> B for "B acquired
//     while holding A", labelled with the actor and the two sites; the
//     edges of every cycle (a lock-order inversion) drawn red;
//   - for a run that deadlocked, the wait-for graph at the moment the
//     deadlock closed: actors (boxes) wait for resources (ellipses) that
//     actors hold; the cycle drawn red.
// Paths in labels are shortened to the file's base name.
//===----------------------------------------------------------------------===//
#ifndef WEFT_PICTURES_GRAPHS_H
#define WEFT_PICTURES_GRAPHS_H

#include "trace/Trace.h"

#include <memory>
#include <ostream>

namespace weft::pictures {

/// Writes one DOT digraph holding the lock-order graph of \p T and, if its
/// run deadlocked, the wait-for graph at the deadlock (as two clusters).
void writeGraphsDot(std::ostream &OS, const trace::Trace &T);

/// The same, fed one event at a time (a trace read as a stream): memory
/// bounded by actors, locks and lock-order edges, not by events.
class GraphsDotWriter {
public:
  /// \p Tables gives the names (its Events are not read).
  explicit GraphsDotWriter(const trace::Trace &Tables);
  ~GraphsDotWriter();
  void onEvent(const trace::Event &E);
  void write(std::ostream &OS) const;

  struct Impl;

private:
  std::unique_ptr<Impl> P;
};

} // namespace weft::pictures

#endif
