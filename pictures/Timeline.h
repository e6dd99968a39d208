//===- pictures/Timeline.h - the intervals every picture of a trace shows -===//
//
// One pass over a trace's events that finds, for every actor, its life,
// the intervals it was blocked (a lock request to its acquire, a join to its
// return, a park to its wake; named after what it waits for and who held it
// when the wait began), its sleeps, and the intervals it held each lock.
// The Perfetto export and the HTML report draw the same intervals.
//
// TimelineBuilder finds them as the events go by (a trace read as a
// stream): it holds only the intervals still open, at most a few per actor
// and one per lock held, and each actor's life. buildTimeline runs it over
// a whole trace and keeps everything.
//===----------------------------------------------------------------------===//
#ifndef WEFT_PICTURES_TIMELINE_H
#define WEFT_PICTURES_TIMELINE_H

#include "report/Finding.h"
#include "trace/Trace.h"

#include <cstdint>
#include <map>
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
  bool Open = true; // the trace ended first (End is then the event count)
  uint32_t Site = 0;          // of the event that began it
  uint64_t BeginNs = 0, EndNs = 0; // times of Begin and End (see Timeline::Ns)
  size_t Id = 0;              // order of creation
  bool open(const trace::Trace &) const { return Open; }
};

/// The intervals of a trace, found as the events go by.
class TimelineBuilder {
public:
  explicit TimelineBuilder(const trace::Trace &Tables) : T(Tables) {}
  /// Feeds event \p I of the trace (its position in event order), at
  /// \p Ns (strictly increasing). Then closed() holds the intervals it
  /// closed (lives excepted: see finish) and opened() those it opened, in
  /// the order Timeline::Intervals keeps them.
  void onEvent(const trace::Event &E, size_t I, uint64_t Ns);
  const std::vector<Interval> &opened() const { return Opened; }
  const std::vector<Interval> &closed() const { return Closed; }
  /// The intervals open now, in order of creation.
  std::vector<const Interval *> openNow() const;
  /// At the end of \p N events (the last at \p EndNs): the lives, then
  /// every other interval still open (End = N, EndNs), in creation order.
  std::vector<Interval> finish(size_t N, uint64_t EndNs);
  /// Actors in the order of their first event.
  const std::vector<uint32_t> &actors() const { return Actors; }

private:
  size_t open(Interval::Kind K, const trace::Event &E, uint32_t Object,
              size_t I, uint64_t Ns, std::string Name);
  void close(size_t Id, size_t I, uint64_t Ns, bool Cut);

  const trace::Trace &T;
  size_t NextId = 0;
  std::map<size_t, Interval> Open;      // by Id, lives excepted
  std::map<uint32_t, Interval> Lives;   // actor -> its life
  std::map<uint32_t, size_t> OpenWait;  // actor -> its open wait
  std::map<uint32_t, size_t> OpenSleep; // actor -> its sleep
  std::map<uint32_t, uint32_t> Holder;  // lock -> actor
  std::map<std::pair<uint32_t, uint32_t>, size_t> Holds; // (actor, lock)
  std::vector<uint32_t> Actors;
  std::vector<Interval> Opened, Closed;
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
