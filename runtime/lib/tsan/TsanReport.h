//===- runtime/lib/tsan/TsanReport.h - ThreadSanitizer reports as findings -----===//
//
// In the TSan build of the runtime (libweft_runtime_tsan.a, compiled with
// WEFT_TSAN_ANNOTATIONS) this module
//   - gives TSan weft's default options (__tsan_default_options: history,
//     log file, exit status, suppressions, no lock-order reports of its own;
//     TSAN_OPTIONS from the environment still overrides them);
//   - receives each TSan report (__tsan_on_report, called after TSan printed
//     it) and turns data races into `data-race` findings.
//
// The report hook runs inside TSan while TSan holds its own locks, and
// another thread may be blocked inside TSan while it holds a runtime lock.
// So the hook never blocks and never allocates: it copies the report into a
// fixed slot (symbolized, with the actors and the reporting actor's held
// locks read from a seqlock entry kept per actor), and the findings are made
// later, under the order mutex, at the next event of any actor or at the end
// of the run (tsanOnEventLocked / tsanFinishLocked, called by the Monitor).
//
// Locks held: LockCore tells this module at the moment a Lock or RLock
// changes hands (tsanLockAcquired / tsanLockReleased, under the lock's own
// mutex), so the table is current when the actor goes back to its own code,
// without waiting for the Monitor to see the event.
// The reporting (second) access's weft locks are exact (the
// hook's thread cannot release anything while it is stopped in the hook).
// For the earlier access weft only knows them when that actor never took a
// weft lock before the report; otherwise the finding says they are unknown.
//
// In the plain build every function here is a no-op.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_TSANREPORT_H
#define WEFT_RUNTIME_TSANREPORT_H

#include "tsan/TsanAnnotations.h"
#include "trace/Trace.h"

#include <cstdint>

namespace weft::core {

class Monitor;

/// Every Sync event, with the Recorder's order mutex held: turns pending
/// reports into findings.
void tsanOnEventLocked(Monitor &M, const trace::Event &E);
/// The end of the run (order mutex held): pending reports become findings.
void tsanFinishLocked(Monitor &M);

#ifdef WEFT_TSAN_ENABLED
/// \p Actor has taken \p Lock (again, for an RLock).
void tsanLockAcquired(uint32_t Actor, uint32_t Lock);
/// \p Holder no longer holds \p Lock (whoever released it).
void tsanLockReleased(uint32_t Holder, uint32_t Lock);
#else
inline void tsanLockAcquired(uint32_t, uint32_t) {}
inline void tsanLockReleased(uint32_t, uint32_t) {}
#endif

} // namespace weft::core

#endif
