//===- trace/Record.h - the fixed-size trace record and file header -------===//
//
// A trace file is a FileHeader followed by 16-byte Records. Record kinds and
// the meaning of their fields come from Events.def only.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_TRACE_RECORD_H
#define WEFT_TRACE_RECORD_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace weft::trace {

/// Bump when an existing record kind changes meaning or layout.
/// Version 3: block-link records carry their block's CRC-32C and `check`
/// records cover what no block-link does. Version 2 files are still read
/// (without checksums); version 1 files are refused.
inline constexpr uint16_t FormatVersion = 3;
inline constexpr uint16_t OldestReadableVersion = 2;
inline constexpr char Magic[8] = {'W', 'E', 'F', 'T', 'T', 'R', 'C', '\0'};

enum class Category : uint8_t { Meta, Sync, Report };
enum class HbEffect : uint8_t { None, Release, Acquire, AcqRel };

/// Kind 0 is never written: a zero record is a hole (a slot reserved by a
/// writer that was killed before filling it) or the unused tail of the file.
enum class EventKind : uint8_t {
  Invalid = 0,
#define WEFT_EVENT(Name, Text, Cat, Hb, Doc) Name,
#include "trace/Events.def"
  NumKinds
};

struct EventInfo {
  std::string_view Name;
  Category Cat;
  HbEffect Hb;
  std::string_view Doc;
};

/// Description of \p K, or nullptr if K is not a known kind.
const EventInfo *eventInfo(EventKind K);
inline bool isKnownKind(uint8_t K) {
  return K > 0 && K < static_cast<uint8_t>(EventKind::NumKinds);
}
std::string_view eventName(EventKind K);

enum class ActorType : uint8_t {
#define WEFT_ACTOR_TYPE(Name, Text) Name,
#include "trace/ObjectTypes.def"
};
enum class ObjectType : uint8_t {
#define WEFT_OBJECT_TYPE(Name, Text, IsLock, Recursive) Name,
#include "trace/ObjectTypes.def"
};
std::string_view actorTypeName(ActorType T);
std::string_view objectTypeName(ObjectType T);
bool objectTypeIsLock(ObjectType T);
bool objectTypeIsRecursive(ObjectType T);

/// Flags of LockRequest, JoinRequest and WaitBlock.
enum LockFlags : uint8_t { LockBlocking = 1, LockTimed = 2 };
/// Flags of LockAcquired: the recursion depth (an RLock's; at most 127),
/// and LockTried when the lock was taken by a non-blocking try that said
/// so (pthread_mutex_trylock, and so std::lock / std::scoped_lock taking
/// several at once): such an acquisition never waits, so it adds no lock
/// order.
enum AcquiredFlags : uint8_t { LockDepthMask = 0x7f, LockTried = 0x80 };
/// Flags of ThreadStart.
enum StartFlags : uint8_t { StartTask = 1 };
/// Flags of Sleep.
enum SleepFlags : uint8_t { SleepAsync = 1 };
/// Whether \p T is a primitive of asyncio (awaited, not blocked on).
bool objectTypeIsAsyncio(ObjectType T);
/// Flags of WaitWake.
enum WakeReason : uint8_t { WakeGranted = 0, WakeTimedOut = 1, WakeAborted = 2 };
/// Flags of FutureDone.
enum FutureOutcome : uint8_t {
  FutureResultSet = 0,
  FutureException = 1,
  FutureCancelled = 2
};
/// Flags of ExecutorShutdown.
enum ShutdownFlags : uint8_t {
  ShutdownWaited = 1, // shutdown(wait=true)
  ShutdownAtExit = 2  // done by the runtime at program exit (a leak)
};
/// Flags of TaskDone.
enum TaskDoneFlags : uint8_t { TaskDoneTooMany = 1 };

struct Record {
  uint8_t Kind;
  uint8_t Flags;
  uint16_t Actor;
  uint32_t Object;
  uint32_t Site;
  uint32_t Time;
};
static_assert(sizeof(Record) == 16, "trace records are 16 bytes");
inline constexpr size_t StringBytesPerRecord = 15;

enum class Mode : uint8_t { Native = 0, Controlled = 1 };

/// The file header. Fixed size; fields appended in later versions go into
/// Reserved, and HeaderSize tells the reader where records start.
struct FileHeader {
  char MagicBytes[8];
  uint16_t Version;
  uint16_t HeaderSize;
  uint16_t RecordSize;
  uint8_t RunMode;      // Mode
  uint8_t Closed;       // 1 once the writer closed the file cleanly
  uint32_t Pid;
  uint32_t Reserved0;
  uint64_t Seed;
  uint64_t StartWallNs; // CLOCK_REALTIME at start
  uint64_t RecordCount; // valid when Closed == 1
  char Strategy[32];    // "native", "random", "pct:3", ...
  char Program[432];    // argv[0] and arguments, NUL-terminated, truncated
};
static_assert(sizeof(FileHeader) == 512, "trace header is 512 bytes");

} // namespace weft::trace

#endif
