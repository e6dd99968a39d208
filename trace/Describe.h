//===- trace/Describe.h - words for an event's fields ---------------------===//
//
// What the `object` field of an event names depends on its kind (an actor
// for thread events, a duration for a sleep, an object otherwise): the one
// place that knows it, for `weft trace show` and the pictures.
//===----------------------------------------------------------------------===//
#ifndef WEFT_TRACE_DESCRIBE_H
#define WEFT_TRACE_DESCRIBE_H

#include "trace/Trace.h"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace weft::trace {

/// "file.cpp:12:3" (the base name of the file), or "" for no site.
/// The last part of a path ("a/b/c.cpp" -> "c.cpp").
std::string baseName(std::string_view Path);

std::string siteText(const Trace &T, uint32_t Site);
/// The actor's own name ("Thread-1"), or "actor#N".
std::string shortActorName(const Trace &T, uint32_t Actor);
/// What \p E's object field means, in words ("Lock 'knife'", "Thread-2",
/// "0.500 s", "(by an exception)"); may be empty.
std::string objectText(const Trace &T, const Event &E);
/// An event in words: "lock-acquired Lock (created at x.cpp:6) at x.cpp:23:3".
std::string eventText(const Trace &T, const Event &E);
/// Where each actor was when the trace ends: the last \p N operations of
/// each (oldest first), as indexes into T.Events, by actor id. For reports
/// of a program that crashed or was killed.
std::map<uint32_t, std::vector<size_t>> lastEventsOfEachActor(const Trace &T,
                                                              size_t N);
/// The same for events seen one at a time (a trace read as a stream): the
/// last \p N operations of each actor, with their positions in the stream.
class LastEvents {
public:
  explicit LastEvents(size_t N) : N(N) {}
  void note(const Event &E, size_t Position);
  /// By actor id, oldest first.
  const std::map<uint32_t, std::vector<std::pair<size_t, Event>>> &
  byActor() const {
    return Last;
  }

private:
  size_t N;
  std::map<uint32_t, std::vector<std::pair<size_t, Event>>> Last;
};

} // namespace weft::trace

#endif
