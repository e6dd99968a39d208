//===- trace/Trace.h - writing and reading trace files --------------------===//
//
// TraceWriter appends records to a memory-mapped file: a record is in the
// page cache as soon as it is written, so the trace survives a crash, an
// abort and SIGKILL. Appending is lock-free (an atomic reservation); the
// file grows in chunks under a mutex taken only when a chunk fills.
//
// readTrace decodes a whole file into a Trace: meta records become tables,
// the rest become Events in the order of their sequence numbers (the order
// the online detectors saw; see Block in Events.def), each with the time of
// its block's Clock. It never crashes on a damaged file:
// it stops at the damage and says where in Trace::Damage. It keeps every
// event in memory; TraceReader (TraceReader.h), which it is a loop over,
// hands them out one at a time in bounded memory.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_TRACE_TRACE_H
#define WEFT_TRACE_TRACE_H

#include "trace/Record.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace weft::trace {

struct HeaderInfo {
  Mode RunMode = Mode::Native;
  uint64_t Seed = 0;
  std::string Strategy = "native";
  std::string Program;
};

class TraceWriter {
public:
  /// Creates (truncates) \p Path. Returns null and sets \p Error on failure.
  static std::unique_ptr<TraceWriter> create(const std::string &Path,
                                             const HeaderInfo &Info,
                                             std::string &Error);
  ~TraceWriter();
  TraceWriter(const TraceWriter &) = delete;
  TraceWriter &operator=(const TraceWriter &) = delete;

  /// Appends one record; thread-safe.
  void append(Record R);
  /// Appends N consecutive records atomically with respect to other writers.
  void appendMany(const Record *Rs, size_t N);

  /// Blocks (Events.def: Block): a writer thread reserves N consecutive
  /// slots once and fills them in order with storeAt, without further
  /// synchronization. Returns the first slot's index, or NoSlot when the
  /// records must be dropped (the trace is closed or full).
  static constexpr uint64_t NoSlot = UINT64_MAX;
  uint64_t reserveBlock(size_t N) { return reserve(N); }
  /// Stores \p R into reserved slot \p Index, kind byte last (release).
  void storeAt(uint64_t Index, const Record &R) { store(Index, R); }
  /// Reads slot \p Index if its writer has stored it (kind byte read with
  /// acquire; false while it is still zero). For a reader in the writing
  /// process (the runtime's online detectors follow the blocks).
  bool loadAt(uint64_t Index, Record &R) const;

  /// Interned ids; each definition is written once. Thread-safe. Id 0 means
  /// "none" and is never returned.
  uint32_t internString(std::string_view S);
  uint32_t internSite(std::string_view File, uint32_t Line, uint32_t Column);

  /// Microseconds since the writer was created (monotonic clock).
  uint32_t nowMicros() const;
  /// Records written so far (including meta records).
  uint64_t recordCount() const;
  /// Marks the file closed and trims the preallocated tail. Idempotent;
  /// safe to call from an exit path. Appends after close are dropped.
  void close();
  /// Makes what was written reach the disk (msync); for fatal paths.
  /// Seals first.
  void flush();
  /// Appends `check` records (CRC-32C) for every written record that no
  /// block-link covers: records outside blocks and the used part of blocks
  /// that are not full. close() and flush() call it; thread-safe.
  void seal();
  /// CRC-32C of the \p N records from slot \p First (all stored by the
  /// caller, or known complete): what a block-link's time field holds.
  uint32_t checksum(uint64_t First, uint64_t N) const;
  const std::string &path() const { return Path; }

private:
  TraceWriter() = default;
  /// Makes the file hold records [0, EndRecord). False if it cannot grow
  /// (disk full): the caller must not touch those slots then.
  bool ensureCapacity(uint64_t EndRecord);
  /// Reserves \p N consecutive slots; returns their first index or
  /// UINT64_MAX when the records must be dropped (closed, full).
  uint64_t reserve(size_t N);
  void store(uint64_t Index, const Record &R);
  uint32_t internStringLocked(std::string_view S);

  std::string Path;
  int Fd = -1;
  char *Base = nullptr;          // start of the mapping (header included)
  uint64_t MapBytes = 0;         // size of the address range reserved
  uint64_t MaxRecords = 0;       // records that fit in the mapping
  std::atomic<uint64_t> Next{0}; // next free record index
  std::atomic<uint64_t> FinalCount{0}; // records in the file once closed
  std::atomic<uint64_t> FileRecords{0}; // records the file has room for
  std::atomic<bool> Closed{false};
  std::atomic<bool> Overflowed{false};
  std::mutex GrowMutex;
  std::mutex InternMutex;
  std::mutex SealMutex;
  std::unordered_map<std::string, uint32_t> Strings;
  struct SiteKey {
    std::string File;
    uint32_t Line, Column;
    bool operator==(const SiteKey &) const = default;
  };
  struct SiteHash {
    size_t operator()(const SiteKey &K) const;
  };
  std::unordered_map<SiteKey, uint32_t, SiteHash> Sites;
  uint64_t StartNs = 0;
};

/// One decoded non-meta record.
struct Event {
  EventKind Kind;
  uint8_t Flags;
  uint16_t Actor;
  uint32_t Object;
  uint32_t Site;
  uint64_t TimeUs;  // microseconds since start (from the Clock records)
  uint64_t Index;   // record index in the file
  uint64_t Seq = 0; // sequence number (the order of Events)
};

struct SiteInfo {
  std::string File;
  uint32_t Line = 0, Column = 0;
};
struct ActorInfo {
  std::string Name;
  ActorType Type = ActorType::Thread;
  uint32_t Site = 0;
  /// The pid of the process it ran in: set for the runs with processes
  /// that trace/Run.h merges; 0 in one file (the header's process).
  uint32_t Process = 0;
};
struct ObjectInfo {
  ObjectType Type = ObjectType::Unknown;
  uint32_t Site = 0;
  std::string Name; // empty if unnamed
};

struct Trace {
  FileHeader Header{};
  std::vector<Event> Events;
  std::unordered_map<uint32_t, std::string> Strings;
  std::unordered_map<uint32_t, SiteInfo> Sites;
  std::unordered_map<uint32_t, ActorInfo> Actors;
  std::unordered_map<uint32_t, ObjectInfo> Objects;
  /// Empty when the whole file was read; otherwise what stopped the reader
  /// ("corrupt record at byte 4128: unknown kind 231"). Events before the
  /// damage are kept.
  std::string Damage;
  /// Reserved slots left empty by writers that were killed mid-write.
  uint64_t Holes = 0;
  /// A run with processes (trace/Run.h): each process's pid and name
  /// ("MainProcess", "Process-1"), in the order of their files. Empty for
  /// one file.
  std::vector<std::pair<uint32_t, std::string>> Processes;

  bool closedCleanly() const { return Header.Closed == 1; }
  const SiteInfo *site(uint32_t Id) const;
  std::string actorName(uint32_t Id) const;
  std::string objectName(uint32_t Id) const; // "Lock 'x'" or "Lock (file:line)"
};

/// Reads \p Path. Returns false (and sets \p Error) only when nothing can be
/// read: the file is missing, not a regular file, too short for a header,
/// not a weft trace, or of an unsupported version. Damage after a good
/// header (a bad record, a checksum that does not match) is reported in
/// Trace::Damage with a true return.
/// \p Progress, if given, is called now and then with the records read so
/// far and the total (for a progress line on large files).
bool readTrace(const std::string &Path, Trace &Out, std::string &Error,
               const std::function<void(uint64_t, uint64_t)> &Progress = {});

} // namespace weft::trace

#endif
