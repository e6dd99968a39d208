//===- runtime/lib/record/Recorder.h - events of the running program -------------===//
//
// Owns the trace::TraceWriter and gives every event its ids: sites from
// std::source_location (a table keyed by the file pointer, line and column,
// read without a lock, behind a small per-thread cache, keeps the hot path
// free of locks), objects (ObjectDef with
// the creation site and optional name), actors (ActorDef).
//
// sync() records a Sync event without a lock (RecorderStreams.cpp): the
// event takes the next number of one atomic sequence and goes into the
// calling thread's own block of the trace file (trace/Events.def: Block).
// The Monitor is fed the events in sequence order, under the order mutex,
// by whichever thread drains the blocks: a thread about to park (the
// kernel asks before it blocks, so a deadlock is found before the last
// actor sleeps), a thread that ends, a thread that starts a new block
// (if the mutex is free), and the end of the run. The trace's reader puts
// the events in the same order, so `weft trace check` sees what the Monitor
// saw. Under the controlled scheduler, every event is drained at once.
//
// The order mutex is the innermost lock of the runtime: callers may hold a
// primitive's InternalMutex; nothing is acquired inside it except leaf
// tables. A thread never waits for it while it holds a sequence number it
// has not published.
//
// The rule for callers (ThreadSanitizer's): record a release BEFORE the
// state changes and an acquire AFTER, so the sequence agrees with real
// happens-before.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_RECORDER_H
#define WEFT_RUNTIME_RECORDER_H

#include "core/Futex.h"
#include "report/Finding.h"
#include "trace/Trace.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  bool controlled() const { return Ctl != nullptr; }

  /// The site id of \p L (interned once per process).
  uint32_t site(const std::source_location &L);
  /// Interns a string for the trace (0 without a trace file).
  uint32_t string(std::string_view S);
  /// A new sync object: ObjectDef with its creation site and name.
  uint32_t newObject(trace::ObjectType Type, uint32_t Site,
                     std::string_view Name);
  /// (Re)defines \p A's name and type in the trace.
  void defineActor(const Actor &A, std::string_view Name);

  /// Records a Sync event; the Monitor sees it at the next drain (see the
  /// header).
  void sync(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
            uint32_t Object, uint32_t Site);
  /// The same with the order mutex held: every earlier event is drained
  /// first (the end of a controlled run).
  void syncLocked(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
                  uint32_t Object, uint32_t Site);
  /// A choice of the controlled scheduler (a Schedule record; not an
  /// operation, so the Monitor does not see it).
  void schedule(uint16_t Actor, uint32_t Candidates, uint8_t Flags);
  /// Feeds the Monitor every event recorded so far, waiting for those whose
  /// writers are still storing them.
  void drain();
  /// Before the calling thread blocks: feeds the Monitor what is stored,
  /// without waiting for a writer that is still storing (it may have been
  /// preempted). True once the Monitor has seen this thread's last event;
  /// if false, the kernel parks with a short timeout and asks again.
  bool drainBeforePark();
  /// The same with the order mutex held.
  void drainLocked();
  /// The Monitor ends a deadlocked run from inside a drain: a ProgramExit
  /// (flags 1) that no later drain will wait for.
  void appendExitLocked(uint16_t Actor);
  /// The number of the last event the Monitor was given (order mutex).
  uint64_t lastDrained() const { return Drained ? Drained - 1 : 0; }

  /// Lookups for the detectors' Symbols.
  report::Location location(uint32_t Site) const;
  ObjectEntry object(uint32_t Id) const;
  /// Whether another object was created at another column of Id's line.
  bool otherObjectOnLine(uint32_t Id) const;

  trace::TraceWriter *writer() const { return Writer.get(); }
  /// The order mutex: held while the Monitor runs. The Monitor's
  /// end-of-run path takes it too.
  InternalMutex &orderMutex() { return OrderMu; }

  /// One thread's blocks (RecorderStreams.cpp).
  struct Stream;
  /// In front of the shared site table: a small direct-mapped table of the
  /// site ids a stream's threads looked up. It lives in the Stream, not in
  /// TLS: a stream passes to the next thread with its table warm, and the
  /// thread's static TLS (which sits at the top of its stack) stays small.
  struct FastSite {
    const char *File = nullptr;
    uint32_t Line = 0, Column = 0, Id = 0;
  };
  static constexpr size_t FastSlots = 64;
  /// fork() with processes (runtime/lib/os): the parent holds its tables'
  /// mutexes across the fork, so that the child finds them consistent.
  void lockForFork();
  void unlockAfterFork();
  /// In the forked child, on this new recorder (its file just opened):
  /// forget everything of \p Parent's that is per process (the calling
  /// thread's stream, the shared site table), keep its time origin and its
  /// objects (a Lock made before the fork names the same lock in the
  /// child's trace, defined again there).
  void inheritAfterFork(const Recorder &Parent);
  /// A thread that ends gives its stream back for the next one.
  void releaseStream(Stream *S);
  /// A child process's name (Process-1): what the live reports call its
  /// main actor (a Process-type actor), whose thread name stays
  /// MainThread as Python's current_thread() says. Set once, at the fork.
  void setProcessName(std::string Name) { ProcessName = std::move(Name); }
  const std::string &processName() const { return ProcessName; }

private:
  std::string ProcessName;
  uint32_t internSite(const char *File, uint32_t Line, uint32_t Column);
  void writeObjectDef(uint32_t Id, trace::ObjectType Type, uint32_t Site,
                      std::string_view Name);
  /// Microseconds since the start: precise, or the kernel's tick (a few ms
  /// behind, at a fraction of the cost), or virtual under control.
  uint64_t nowMicros(bool Precise) const;

  // RecorderStreams.cpp
  /// In a forked child: the calling thread forgets its stream, which
  /// belongs to the parent's recorder (it gets one of the child's next).
  static void forgetThreadStream();
  Stream *myStream();
  /// The calling thread's stream's site table (null without a stream).
  FastSite *mySiteTable();
  bool recordInStream(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
                      uint32_t Object, uint32_t Site);
  bool newBlock(Stream &S);
  void recordLocked(trace::EventKind Kind, uint8_t Flags, uint16_t Actor,
                    uint32_t Object, uint32_t Site);
  /// Feeds the Monitor the events before \p Through (waiting for any not
  /// stored yet) and every later one that is already there.
  void drainLockedThrough(uint64_t Through);
  bool peek(Stream &S);
  void tryDrain();

  std::unique_ptr<trace::TraceWriter> Writer;
  Monitor *Mon = nullptr;
  ControlledKernel *Ctl = nullptr;
  InternalMutex OrderMu;
  uint64_t StartNs = 0;
  /// The next sequence number to give out, and (OrderMu) the next one the
  /// Monitor is to see.
  std::atomic<uint64_t> NextSeq{0};
  uint64_t Drained = 0;
  /// Every stream ever made (never freed; the drainer reads them without a
  /// lock), and those no thread owns (StreamMu).
  static constexpr size_t MaxStreams = 4096;
  Stream *Streams[MaxStreams] = {};
  std::atomic<size_t> NumStreams{0};
  InternalMutex StreamMu;
  Stream *FreeStreams = nullptr;

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
