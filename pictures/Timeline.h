//===- pictures/Timeline.h - the intervals every picture of a trace shows -===//
//
// One pass over a trace's events that finds, for every actor, its life,
// the intervals it was blocked (a lock request to its acquire, a join to its
// return, a park to its wake; named after what it waits for and who held it
// when the wait began), its sleeps, and the intervals it held each lock.
// The Perfetto export and the HTML report draw the same intervals.
//===----------------------------------------------------------------------===//
#ifndef WEFT_PICTURES_TIMELINE_H
#define WEFT_PICTURES_TIMELINE_H

#include "report/Finding.h"
#include "trace/Trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace weft::pictures {

struct Interval {
  enum Kind { Life, Blocked, Sleep, Held };
  Kind K;
  uint32_t Actor;
  uint32_t Object;  // the lock (Held), what is waited for (Blocked)
  size_t Begin;     // index into Trace::Events
  size_t End;       // index of the closing event; Events.size(): the trace
                    // ends first
  std::string Name; // "waits for Lock 'x' (held by thread 'T')"
  bool Cut = false; // closed by the end of its actor (weft ended the run)
  bool open(const trace::Trace &T) const { return End == T.Events.size(); }
};

struct Timeline {
  /// Per event: nanoseconds since the trace began, strictly increasing in
  /// event order (equal microseconds spread by nanoseconds).
  std::vector<uint64_t> Ns;
  uint64_t EndNs = 0; // just after the last event
  /// Ordered by Begin; at one Begin: Life, then Blocked/Sleep, then Held,
  /// so intervals that begin together nest outermost first.
  std::vector<Interval> Intervals;
  /// Actors in the order of their first event.
  std::vector<uint32_t> Actors;
  uint64_t ns(size_t I) const { return I < Ns.size() ? Ns[I] : EndNs; }
};

Timeline buildTimeline(const trace::Trace &T);

/// "file:line:column" of a finding's location (the path as recorded), or
/// "" for none.
std::string locationText(const report::Location &L);

} // namespace weft::pictures

#endif
