//===- detect/HappensBefore.h - the synchronization edges of a trace ------===//
//
// Which earlier event of another actor each acquiring event of a trace
// synchronizes with (HbPairs.def): a release and the acquire that receives
// it, a put and the get of its item, a start and the child's first event,
// an end and the join that waits for it. Program order (the events of one
// actor) is not listed. Pictures draw these as arrows; the predictive
// detectors can order events by them.
//
// One pass over the events in sequence order; memory grows with the number
// of objects and outstanding queue items, not with the number of events
// (the edges themselves are the output).
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_HAPPENSBEFORE_H
#define WEFT_DETECT_HAPPENSBEFORE_H

#include "trace/Trace.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace weft::detect {

struct HbEdge {
  size_t From;            // index into Trace::Events: the release
  size_t To;              // index into Trace::Events: the acquire
  std::string_view Label; // "release -> acquire", "put -> get", ...
};

/// The cross-actor happens-before edges of \p T, ordered by To, then From.
std::vector<HbEdge> happensBeforeEdges(const trace::Trace &T);

/// The same edges found as the events go by (a trace read as a stream).
class HappensBeforeTracker {
public:
  /// One end of an edge: the event's position, its actor, and a value the
  /// caller gave with it (its time, say).
  struct End {
    size_t Index;
    uint32_t Actor;
    uint64_t Stamp;
  };
  struct Found {
    End From;
    std::string_view Label;
  };
  /// \p Tables gives the objects' types (a LifoQueue's gets take the last
  /// put).
  explicit HappensBeforeTracker(const trace::Trace &Tables);
  ~HappensBeforeTracker();
  /// Feeds event \p I (its position in event order) and appends to \p Out
  /// the edges that end at it.
  void onEvent(const trace::Event &E, size_t I, uint64_t Stamp,
               std::vector<Found> &Out);

private:
  struct State;
  const trace::Trace &T;
  std::unique_ptr<State> S;
};

} // namespace weft::detect

#endif
