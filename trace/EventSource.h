//===- trace/EventSource.h - the events of a run, one at a time -----------===//
//
// What every reader of a trace opens: `weft trace show|check|export|graph`.
// One file (a run without processes) streams through a TraceReader: memory
// bounded by actors and objects, not events. A run with processes (several
// files, trace/Run.h) is merged in memory first, since its order across
// files needs every file's events; its actors then carry their process
// (ActorInfo::Process) and the tables list the processes (Trace::Processes).
//===----------------------------------------------------------------------===//
#ifndef WEFT_TRACE_EVENTSOURCE_H
#define WEFT_TRACE_EVENTSOURCE_H

#include "trace/Trace.h"
#include "trace/TraceReader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace weft::trace {

class EventSource {
public:
  /// Opens the run whose first process wrote \p Path. False (and \p Error)
  /// only when nothing can be read; what a child's file lacks is added to
  /// \p Notes ("PATH: ...").
  bool open(const std::string &Path, std::string &Error,
            std::vector<std::string> &Notes,
            TraceReader::ProgressFn Progress = {});
  /// The header and tables (Events stays empty for one file).
  const Trace &info() const { return Merged ? Whole : Reader.info(); }
  /// The next event in order; false after the last.
  bool next(Event &E);
  /// The events next() yields in all.
  uint64_t eventCount() const {
    return Merged ? Whole.Events.size() : Reader.eventCount();
  }
  /// True for a run with processes (several files merged).
  bool merged() const { return Merged; }

private:
  TraceReader Reader;
  bool Merged = false;
  Trace Whole;
  size_t Next = 0;
};

} // namespace weft::trace

#endif
