//===- report/TraceFindings.h - findings stored in a trace ----------------===//
//
// A finding is stored as FindingBegin, FindingMessage, FindingRelated*,
// FindingEnd (trace/Events.def), written with appendMany so the group is
// contiguous even with concurrent writers.
//===----------------------------------------------------------------------===//
#ifndef WEFT_REPORT_TRACEFINDINGS_H
#define WEFT_REPORT_TRACEFINDINGS_H

#include "report/Finding.h"
#include "trace/Trace.h"

#include <optional>

namespace weft::report {

/// \p AfterSeq: the sequence number of the event that led to it (the
/// reader puts the finding right after that event).
void writeFinding(trace::TraceWriter &W, const Finding &F, uint16_t Actor,
                  uint64_t AfterSeq);
/// The findings recorded in \p T, in event order. A group cut off by damage
/// is dropped.
std::vector<Finding> findingsInTrace(const trace::Trace &T);

/// The same, fed one event at a time (a trace read as a stream): \p T
/// gives the names (its Events are not read).
class FindingCollector {
public:
  explicit FindingCollector(const trace::Trace &T) : T(T) {}
  void onEvent(const trace::Event &E);
  std::vector<Finding> take() { return std::move(Out); }

private:
  const trace::Trace &T;
  std::vector<Finding> Out;
  std::optional<Finding> Open;
};

} // namespace weft::report

#endif
