//===- trace/TraceReader.h - a trace read as a stream of events -----------===//
//
// TraceReader reads a trace file block by block and hands out its events
// one at a time, in the order of their sequence numbers (the order the
// online detectors saw), each with its time. It is the only decoder of
// trace files: readTrace (Trace.h) is a loop over it that keeps every event.
//
// Memory: the tables (strings, sites, actors, objects), one cursor per
// writer stream (a thread's chain of blocks, docs/trace-format.md) with a
// small read buffer each, and one cursor for the records outside blocks.
// None of it grows with the number of events; the file is read with pread,
// never mapped whole.
//
// open() makes two passes over the file before the first event: the
// checksums (version 3) and the tables, the holes, the damage and where
// each stream's chain starts. next() then merges the streams by sequence
// number. A damaged file whose streams are out of order (which no writer
// produces) is ordered in memory instead, as the whole-file reader did.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_TRACE_TRACEREADER_H
#define WEFT_TRACE_TRACEREADER_H

#include "trace/Trace.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace weft::trace {

class TraceReader {
public:
  /// (records done, records to do), called now and then while reading.
  using ProgressFn = std::function<void(uint64_t, uint64_t)>;

  TraceReader();
  ~TraceReader();
  TraceReader(const TraceReader &) = delete;
  TraceReader &operator=(const TraceReader &) = delete;

  /// Opens \p Path and reads its header and tables. Returns false (and
  /// sets \p Error) only when nothing can be read, as readTrace does.
  bool open(const std::string &Path, std::string &Error,
            ProgressFn Progress = {});
  /// The header, the tables, Damage and Holes, complete once open()
  /// returned true; Events stays empty (the events come from next()).
  const Trace &info() const;
  /// Events in the file (known after open()): what next() will yield.
  uint64_t eventCount() const;
  /// The next event in sequence order; false after the last one.
  bool next(Event &E);

  struct Impl;

private:
  std::unique_ptr<Impl> P;
};

} // namespace weft::trace

#endif
