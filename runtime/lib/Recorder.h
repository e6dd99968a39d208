//===- runtime/lib/Recorder.h - events of the running program -------------===//
//
// Owns the trace::TraceWriter and gives every event its ids: sites from
// std::source_location (a thread-local cache keyed by the file pointer,
// line and column keeps the hot path free of locks), objects (ObjectDef with
// the creation site and optional name), actors (ActorDef).
//
// sync() appends a Sync event and hands it to the Monitor under one mutex,
// so the trace's order is exactly the order the detectors saw (an offline
// `weft trace check` replays the same sequence). It is the innermost lock
// of the runtime: callers may hold a primitive's InternalMutex; nothing is
// acquired inside it except leaf tables.
//
// The rule for callers (ThreadSanitizer's): record a release BEFORE the
// state changes and an acquire AFTER, so the trace agrees with real
// happens-before.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_RECORDER_H
#define WEFT_RUNTIME_RECORDER_H

#include "Futex.h"
#include "report/Finding.h"
#include "trace/Trace.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <unordered_map>

namespace weft::core {

class Monitor;
class ControlledKernel;
struct Actor;

struct ObjectEntry {
  trace::ObjectType Type = trace::ObjectType::Unknown;
  uint32_t Site = 0;
  std::string Name;
};

class Recorder {
public:
  /// Opens the trace at \p Path (an empty path or a failure leaves the
  /// recorder without a file; detection still works). \p Error is set on
  /// failure.
  void open(const std::string &Path, const trace::HeaderInfo &Info,
            std::string &Error);
  void setMonitor(Monitor *M) { Mon = M; }
  /// Under the controlled scheduler: times are virtual and every sync() is
  /// a scheduling point (ControlledKernel::afterEvent).
  void setControlled(ControlledKernel *K) { Ctl = K; }

  /// The site id of \p L (interned once per process).
  uint32_t site(const std::source_location &L);
  /// Interns a string for the trace (0 without a trace file).
  uint32_t string(std::string_view S);
  /// A new sync object: ObjectDef with its creation site and name.
  uint32_t newObject(trace::ObjectType Type, uint32_t Site,
                     std::string_view Name);
  /// (Re)defines \p A's name and type in the trace.
  void defineActor(const Actor &A, std::string_view Name);

  /// Records a Sync event and feeds it to the Monitor (see the header).
  void sync(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
            uint32_t Object, uint32_t Site);
  /// A choice of the controlled scheduler (a Schedule record; not an
  /// operation, so the Monitor does not see it).
  void schedule(uint16_t Actor, uint32_t Candidates, uint8_t Flags);

  /// Lookups for the detectors' Symbols.
  report::Location location(uint32_t Site) const;
  ObjectEntry object(uint32_t Id) const;

  trace::TraceWriter *writer() const { return Writer.get(); }
  /// The time field of an event recorded now (virtual under the controlled
  /// scheduler; never 0).
  uint32_t eventTime() const {
    uint32_t T = nowMicros();
    return T ? T : 1;
  }
  /// The order mutex: held by sync() while the Monitor runs. The Monitor's
  /// end-of-run path takes it too.
  InternalMutex &orderMutex() { return OrderMu; }

private:
  void recordSync(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
                  uint32_t Object, uint32_t Site);
  uint32_t internSite(const char *File, uint32_t Line, uint32_t Column);
  uint32_t nowMicros() const;

  std::unique_ptr<trace::TraceWriter> Writer;
  Monitor *Mon = nullptr;
  ControlledKernel *Ctl = nullptr;
  InternalMutex OrderMu;
  uint64_t StartNs = 0;
  uint64_t Sequence = 0; // guarded by OrderMu

  struct SiteKey {
    std::string File;
    uint32_t Line, Column;
    bool operator==(const SiteKey &) const = default;
  };
  struct SiteKeyHash {
    size_t operator()(const SiteKey &K) const;
  };
  mutable InternalMutex SiteMu;
  std::unordered_map<SiteKey, uint32_t, SiteKeyHash> SiteIds;
  std::unordered_map<uint32_t, report::Location> SiteLocs;
  uint32_t NextOwnSite = 1; // ids when there is no trace file

  mutable InternalMutex ObjectMu;
  std::atomic<uint32_t> NextObject{1};
  std::unordered_map<uint32_t, ObjectEntry> Objects;
};

} // namespace weft::core

#endif
