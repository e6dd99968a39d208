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

namespace weft::report {

/// \p AfterSeq: the sequence number of the event that led to it (the
/// reader puts the finding right after that event).
void writeFinding(trace::TraceWriter &W, const Finding &F, uint16_t Actor,
                  uint64_t AfterSeq);
/// The findings recorded in \p T, in event order. A group cut off by damage
/// is dropped.
std::vector<Finding> findingsInTrace(const trace::Trace &T);

} // namespace weft::report

#endif
