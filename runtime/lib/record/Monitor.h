//===- runtime/lib/record/Monitor.h - online detection and the end of a run ------===//
//
// Feeds every Sync event to one detect::Checker (the same detectors `weft
// trace check` runs offline) with Symbols read live from the registry and
// the recorder. Each finding is written into the trace and kept. When the
// Checker reports a deadlock, the program can never finish: the Monitor
// renders the findings, closes the trace and ends the process with
// WEFT_EXITCODE instead of letting it hang. At a normal end, finish()
// renders what was found.
//
// Threading: onEventLocked runs under the Recorder's order mutex (called by
// whichever thread drains the recorded events, in their order); finish()
// takes that mutex itself and drains what is left.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_MONITOR_H
#define WEFT_RUNTIME_MONITOR_H

#include "core/Flags.h"
#include "detect/Checker.h"
#include "report/Finding.h"
#include "trace/Trace.h"

#include <memory>
#include <string>
#include <vector>

namespace weft::core {

class ActorRegistry;
class Recorder;

/// detect::Symbols over the live registry and recorder tables.
class LiveSymbols final : public detect::Symbols {
public:
  LiveSymbols(const Recorder &Rec, const ActorRegistry &Actors)
      : Rec(Rec), Actors(Actors) {}
  report::Location site(uint32_t SiteId) const override;
  std::string actorName(uint32_t Actor) const override;
  std::string objectName(uint32_t Object) const override;
  trace::ObjectType objectType(uint32_t Object) const override;
  report::Location actorStart(uint32_t Actor) const override;

private:
  const Recorder &Rec;
  const ActorRegistry &Actors;
};

class Monitor {
public:
  Monitor(Recorder &Rec, const ActorRegistry &Actors, const Flags &F);

  /// Where the trace goes and whether the user chose it (a chosen trace is
  /// always kept; a default one only when something was found).
  void setTrace(std::string Path, bool Chosen);

  /// Checks one event (Recorder's order mutex held). May end the process.
  void onEventLocked(const trace::Event &E);

  /// A finding made outside the Checker (a ThreadSanitizer report, see
  /// TsanReport.h), order mutex held: kept for the end and written into
  /// the trace like the Checker's.
  void addFindingLocked(report::Finding F, uint16_t Actor);
  Recorder &recorder() { return Rec; }
  const ActorRegistry &actors() const { return Actors; }
  const detect::Symbols &symbols() const { return Syms; }

  /// The end of a normal run: renders the findings (per WEFT_REPORT),
  /// closes the trace, deletes a default trace of a clean run. Returns the
  /// number of findings. Later events are ignored. Idempotent.
  size_t finish();

private:
  [[noreturn]] void exitDeadlockedLocked();
  size_t finishLocked();

  Recorder &Rec;
  const ActorRegistry &Actors;
  const Flags &Settings;
  LiveSymbols Syms;
  detect::Checker Check;
  std::vector<report::Finding> Findings;
  std::string TracePath;
  bool TraceChosen = false;
  bool Finished = false;
};

} // namespace weft::core

#endif
