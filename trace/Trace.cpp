//===- trace/Trace.cpp - writing and reading trace files ------------------===//
//
// The writer maps one large address range over the file (MAP_SHARED) once
// and grows the file under it with ftruncate, so a record lands in the page
// cache the moment it is stored and survives the process being killed.
// Slots are reserved with one fetch_add; a record's kind byte is stored
// last, with release ordering, so a slot whose writer died half-way reads as
// kind 0 (a hole) rather than as a half-written record.
//
// The reader never trusts the file: every length and kind is checked, and
// the first thing that does not make sense stops decoding with a message
// that says where.
//
//===----------------------------------------------------------------------===//
#include "trace/Trace.h"
#include "trace/ObjectName.h"

#include "trace/Crc32c.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <functional>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace weft::trace {

namespace {
constexpr uint64_t HeaderBytes = sizeof(FileHeader);
constexpr uint64_t RecordBytes = sizeof(Record);
/// The file grows by this much at a time.
constexpr uint64_t ChunkRecords = (1u << 20) / RecordBytes;
/// Longest string stored; longer ones are cut (names and paths only).
constexpr size_t MaxStringBytes = 65535;
/// Reservation marker added to Next by close(): every later reservation
/// lands far past MaxRecords and is dropped.
constexpr uint64_t ClosedBias = uint64_t(1) << 62;
constexpr uint64_t Drop = UINT64_MAX;

uint64_t monotonicNs() {
  timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec);
}

uint64_t wallNs() {
  timespec Ts;
  clock_gettime(CLOCK_REALTIME, &Ts);
  return uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec);
}

void copyTruncated(char *Dst, size_t Cap, std::string_view S) {
  size_t N = std::min(S.size(), Cap - 1);
  std::memcpy(Dst, S.data(), N);
  Dst[N] = '\0';
}

} // namespace

//===----------------------------------------------------------------------===//
// TraceWriter
//===----------------------------------------------------------------------===//

size_t TraceWriter::SiteHash::operator()(const SiteKey &K) const {
  size_t H = std::hash<std::string>()(K.File);
  H ^= std::hash<uint64_t>()((uint64_t(K.Line) << 32) | K.Column) +
       0x9e3779b97f4a7c15ull + (H << 6) + (H >> 2);
  return H;
}

std::unique_ptr<TraceWriter> TraceWriter::create(const std::string &Path,
                                                 const HeaderInfo &Info,
                                                 std::string &Error) {
  std::unique_ptr<TraceWriter> W(new TraceWriter());
  W->Path = Path;
  W->StartNs = monotonicNs();
  W->Fd = ::open(Path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (W->Fd < 0) {
    Error = "cannot create trace file '" + Path + "': " + std::strerror(errno);
    return nullptr;
  }
  // Reserve the address range once; try smaller ranges if the address space
  // is limited (ulimit -v, sanitizers).
  for (uint64_t Bytes : {uint64_t(4) << 30, uint64_t(1) << 30,
                         uint64_t(256) << 20, uint64_t(64) << 20}) {
    void *P =
        ::mmap(nullptr, Bytes, PROT_READ | PROT_WRITE, MAP_SHARED, W->Fd, 0);
    if (P != MAP_FAILED) {
      W->Base = static_cast<char *>(P);
      W->MapBytes = Bytes;
      break;
    }
  }
  if (!W->Base) {
    Error = "cannot map trace file '" + Path + "': " + std::strerror(errno);
    return nullptr; // the destructor closes the fd
  }
  W->MaxRecords = (W->MapBytes - HeaderBytes) / RecordBytes;
  if (!W->ensureCapacity(1)) {
    Error = "cannot grow trace file '" + Path + "': " + std::strerror(errno);
    return nullptr;
  }

  auto *H = reinterpret_cast<FileHeader *>(W->Base);
  std::memcpy(H->MagicBytes, Magic, sizeof(Magic));
  H->Version = FormatVersion;
  H->HeaderSize = HeaderBytes;
  H->RecordSize = RecordBytes;
  H->RunMode = static_cast<uint8_t>(Info.RunMode);
  H->Closed = 0;
  H->Pid = static_cast<uint32_t>(::getpid());
  H->Reserved0 = 0;
  H->Seed = Info.Seed;
  H->StartWallNs = wallNs();
  H->RecordCount = 0;
  copyTruncated(H->Strategy, sizeof(H->Strategy), Info.Strategy);
  copyTruncated(H->Program, sizeof(H->Program), Info.Program);
  return W;
}

TraceWriter::~TraceWriter() {
  if (Base) {
    close();
    ::munmap(Base, MapBytes);
  }
  if (Fd >= 0)
    ::close(Fd);
}

bool TraceWriter::ensureCapacity(uint64_t EndRecord) {
  if (EndRecord <= FileRecords.load(std::memory_order_acquire))
    return true;
  std::lock_guard<std::mutex> Lock(GrowMutex);
  uint64_t Have = FileRecords.load(std::memory_order_relaxed);
  if (EndRecord <= Have)
    return true;
  uint64_t Want = (EndRecord + ChunkRecords - 1) / ChunkRecords * ChunkRecords;
  Want = std::min(Want, MaxRecords);
  if (::ftruncate(Fd, off_t(HeaderBytes + Want * RecordBytes)) != 0)
    return false;
  FileRecords.store(Want, std::memory_order_release);
  return true;
}

uint64_t TraceWriter::reserve(size_t N) {
  if (N == 0 || Closed.load(std::memory_order_relaxed))
    return Drop;
  uint64_t First = Next.fetch_add(N, std::memory_order_relaxed);
  if (First >= ClosedBias)
    return Drop; // closed between the check and the reservation
  if (First + N > MaxRecords) {
    Overflowed.store(true, std::memory_order_relaxed);
    return Drop;
  }
  if (!ensureCapacity(First + N)) {
    Overflowed.store(true, std::memory_order_relaxed);
    return Drop;
  }
  return First;
}

void TraceWriter::store(uint64_t Index, const Record &R) {
  char *Slot = Base + HeaderBytes + Index * RecordBytes;
  const char *Src = reinterpret_cast<const char *>(&R);
  // Body first, kind byte last: a reader (or a crash) never sees a kind
  // without the fields it describes.
  std::memcpy(Slot + 1, Src + 1, RecordBytes - 1);
  std::atomic_ref<uint8_t>(*reinterpret_cast<uint8_t *>(Slot))
      .store(R.Kind, std::memory_order_release);
}

void TraceWriter::append(Record R) { appendMany(&R, 1); }

void TraceWriter::appendMany(const Record *Rs, size_t N) {
  uint64_t First = reserve(N);
  if (First == Drop)
    return;
  for (size_t I = 0; I < N; ++I)
    store(First + I, Rs[I]);
}

bool TraceWriter::loadAt(uint64_t Index, Record &R) const {
  if (Index >= FileRecords.load(std::memory_order_acquire))
    return false;
  const char *Slot = Base + HeaderBytes + Index * RecordBytes;
  uint8_t Kind = std::atomic_ref<uint8_t>(
                     *reinterpret_cast<uint8_t *>(const_cast<char *>(Slot)))
                     .load(std::memory_order_acquire);
  if (Kind == 0)
    return false;
  // The kind byte is stored once and last: the copy reads the same value.
  // (Storing Kind into R after the copy made the caller's 16-byte read of R
  // wait for the two stores to merge, at every event the Monitor drains.)
  std::memcpy(&R, Slot, RecordBytes);
  return true;
}

uint32_t TraceWriter::internString(std::string_view S) {
  std::lock_guard<std::mutex> Lock(InternMutex);
  return internStringLocked(S);
}

uint32_t TraceWriter::internStringLocked(std::string_view S) {
  S = S.substr(0, MaxStringBytes);
  std::string Key(S);
  auto It = Strings.find(Key);
  if (It != Strings.end())
    return It->second;
  uint32_t Id = static_cast<uint32_t>(Strings.size() + 1);
  Strings.emplace(std::move(Key), Id);

  size_t NumData = (S.size() + StringBytesPerRecord - 1) / StringBytesPerRecord;
  std::vector<Record> Rs(1 + NumData);
  std::memset(Rs.data(), 0, Rs.size() * sizeof(Record));
  Rs[0].Kind = static_cast<uint8_t>(EventKind::StringDef);
  Rs[0].Object = Id;
  Rs[0].Site = static_cast<uint32_t>(S.size());
  for (size_t I = 0; I < NumData; ++I) {
    Record &D = Rs[1 + I];
    D.Kind = static_cast<uint8_t>(EventKind::StringData);
    size_t Off = I * StringBytesPerRecord;
    size_t Len = std::min(StringBytesPerRecord, S.size() - Off);
    std::memcpy(reinterpret_cast<char *>(&D) + 1, S.data() + Off, Len);
  }
  // Appended under InternMutex: a definition is in the file before any
  // record that another thread writes with the id it got from the table.
  appendMany(Rs.data(), Rs.size());
  return Id;
}

uint32_t TraceWriter::internSite(std::string_view File, uint32_t Line,
                                 uint32_t Column) {
  std::lock_guard<std::mutex> Lock(InternMutex);
  SiteKey Key{std::string(File.substr(0, MaxStringBytes)), Line, Column};
  auto It = Sites.find(Key);
  if (It != Sites.end())
    return It->second;
  uint32_t FileId = internStringLocked(File);
  uint32_t Id = static_cast<uint32_t>(Sites.size() + 1);
  Sites.emplace(std::move(Key), Id);
  Record R{};
  R.Kind = static_cast<uint8_t>(EventKind::SiteDef);
  R.Actor = static_cast<uint16_t>(std::min<uint32_t>(Column, 0xffff));
  R.Object = Id;
  R.Site = FileId;
  R.Time = Line;
  append(R);
  return Id;
}

uint32_t TraceWriter::nowMicros() const {
  // Never 0 for a real event: 0 asks append() to fill the time in.
  uint64_t Us = (monotonicNs() - StartNs) / 1000;
  auto T = static_cast<uint32_t>(Us);
  return T == 0 ? 1 : T;
}

uint64_t TraceWriter::recordCount() const {
  if (Closed.load(std::memory_order_acquire))
    return FinalCount.load(std::memory_order_acquire);
  return std::min(Next.load(std::memory_order_relaxed), MaxRecords);
}

uint32_t TraceWriter::checksum(uint64_t First, uint64_t N) const {
  return crc32c(Base + HeaderBytes + First * RecordBytes, N * RecordBytes);
}

void TraceWriter::seal() {
  if (!Base || Closed.load(std::memory_order_acquire))
    return;
  std::lock_guard<std::mutex> Lock(SealMutex);
  // Only what is stored: a slot whose kind is still 0 is unused, a hole, or
  // being written by a thread that is still running (a daemon); a later
  // record after it stays unchecked.
  const uint64_t End =
      std::min({Next.load(std::memory_order_acquire), MaxRecords,
                FileRecords.load(std::memory_order_acquire)});
  auto kindAt = [&](uint64_t I) {
    return std::atomic_ref<uint8_t>(
               *reinterpret_cast<uint8_t *>(Base + HeaderBytes + I * RecordBytes))
        .load(std::memory_order_acquire);
  };
  std::vector<Record> Checks;
  auto cover = [&](uint64_t First, uint64_t N) {
    while (N > 0) {
      uint64_t Take = std::min<uint64_t>(N, 0xffff);
      Record C{};
      C.Kind = static_cast<uint8_t>(EventKind::Check);
      C.Actor = static_cast<uint16_t>(Take);
      C.Object = static_cast<uint32_t>(First);
      C.Site = static_cast<uint32_t>(First >> 32);
      C.Time = checksum(First, Take);
      Checks.push_back(C);
      First += Take;
      N -= Take;
    }
  };
  const auto BlockKind = static_cast<uint8_t>(EventKind::Block);
  const auto LinkKind = static_cast<uint8_t>(EventKind::BlockLink);
  uint64_t RunStart = End, I = 0;
  auto endRun = [&](uint64_t At) {
    if (RunStart < At)
      cover(RunStart, At - RunStart);
    RunStart = End;
  };
  while (I < End) {
    uint8_t K = kindAt(I);
    if (K == 0) {
      endRun(I);
      ++I;
      continue;
    }
    if (K != BlockKind) {
      if (RunStart == End)
        RunStart = I;
      ++I;
      continue;
    }
    endRun(I);
    Record B;
    std::memcpy(&B, Base + HeaderBytes + I * RecordBytes, RecordBytes);
    uint64_t Size = std::max<uint32_t>(B.Time, 1);
    uint64_t BlockEnd = std::min(I + Size, End);
    // A block whose thread moved on is covered by its link; otherwise the
    // stored part of it gets a check.
    uint64_t J = I + 1;
    while (J < BlockEnd && kindAt(J) != 0 && kindAt(J) != LinkKind)
      ++J;
    if (J >= BlockEnd || kindAt(J) != LinkKind)
      cover(I, J - I);
    I += Size;
  }
  endRun(End);
  if (!Checks.empty())
    appendMany(Checks.data(), Checks.size());
}

void TraceWriter::close() {
  if (!Base)
    return;
  seal();
  if (Closed.exchange(true))
    return;
  std::lock_guard<std::mutex> Lock(GrowMutex);
  // Slots reserved before this point stay inside the file; any later
  // reservation gets an index past ClosedBias and is dropped.
  uint64_t Used = std::min(Next.fetch_add(ClosedBias), MaxRecords);
  if (::ftruncate(Fd, off_t(HeaderBytes + Used * RecordBytes)) == 0)
    FileRecords.store(Used, std::memory_order_release);
  FinalCount.store(Used, std::memory_order_release);
  auto *H = reinterpret_cast<FileHeader *>(Base);
  H->RecordCount = Used;
  std::atomic_ref<uint8_t>(H->Closed).store(1, std::memory_order_release);
}

void TraceWriter::flush() {
  if (!Base)
    return;
  seal();
  uint64_t Records =
      std::min(recordCount(), FileRecords.load(std::memory_order_acquire));
  ::msync(Base, HeaderBytes + Records * RecordBytes, MS_SYNC);
}

//===----------------------------------------------------------------------===//
// Trace
//===----------------------------------------------------------------------===//

const SiteInfo *Trace::site(uint32_t Id) const {
  auto It = Sites.find(Id);
  return It == Sites.end() ? nullptr : &It->second;
}

std::string Trace::actorName(uint32_t Id) const {
  auto It = Actors.find(Id);
  if (It == Actors.end())
    return "thread #" + std::to_string(Id);
  std::string Type(actorTypeName(It->second.Type));
  if (It->second.Name.empty())
    return Type + " #" + std::to_string(Id);
  return Type + " '" + It->second.Name + "'";
}

std::string Trace::objectName(uint32_t Id) const {
  auto It = Objects.find(Id);
  if (It == Objects.end())
    return "object #" + std::to_string(Id);
  const SiteInfo *S = site(It->second.Site);
  std::string File = S ? S->File : std::string();
  // Two objects created on one line ("Lock a, b;") differ by column.
  auto SharedLine = [&] {
    for (const auto &[OtherId, Other] : Objects)
      if (OtherId != Id && Other.Site != It->second.Site) {
        const SiteInfo *OS = site(Other.Site);
        if (OS && OS->Line == S->Line && OS->File == S->File)
          return true;
      }
    return false;
  };
  return describeObject(objectTypeName(It->second.Type), It->second.Name, File,
                        S ? S->Line : 0, S ? S->Column : 0, Id, SharedLine);
}

//===----------------------------------------------------------------------===//
// readTrace
//===----------------------------------------------------------------------===//

namespace {
/// Why a file that is not a regular one is refused as a trace.
std::string notRegular(mode_t Mode) {
  const char *What = S_ISDIR(Mode)    ? "a directory"
                     : S_ISFIFO(Mode) ? "a FIFO"
                     : S_ISCHR(Mode)  ? "a character device"
                     : S_ISBLK(Mode)  ? "a block device"
                     : S_ISSOCK(Mode) ? "a socket"
                                      : "a special file";
  return std::string("not a regular file (") + What +
         "); a trace is a regular file";
}

/// A read-only view of the whole file.
class FileView {
public:
  ~FileView() {
    if (Data && Data != MAP_FAILED)
      ::munmap(Data, Size);
  }
  bool open(const std::string &Path, std::string &Error) {
    // Only a regular file is a trace. Look before opening: opening a FIFO
    // blocks until a writer comes, and a device may never end. The file
    // may be swapped between the two calls, so the open does not block
    // (O_NONBLOCK) and what was opened is checked again.
    struct stat St;
    if (::stat(Path.c_str(), &St) != 0) {
      Error = "cannot open trace file: " + std::string(std::strerror(errno));
      return false;
    }
    if (!S_ISREG(St.st_mode)) {
      Error = notRegular(St.st_mode);
      return false;
    }
    int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (Fd < 0) {
      Error = "cannot open trace file: " + std::string(std::strerror(errno));
      return false;
    }
    if (::fstat(Fd, &St) != 0) {
      Error = "cannot stat trace file: " + std::string(std::strerror(errno));
      ::close(Fd);
      return false;
    }
    if (!S_ISREG(St.st_mode)) {
      Error = notRegular(St.st_mode);
      ::close(Fd);
      return false;
    }
    Size = static_cast<size_t>(St.st_size);
    if (Size > 0) {
      Data = ::mmap(nullptr, Size, PROT_READ, MAP_PRIVATE, Fd, 0);
      if (Data == MAP_FAILED) {
        Error = "cannot map trace file: " + std::string(std::strerror(errno));
        ::close(Fd);
        return false;
      }
    }
    ::close(Fd);
    return true;
  }
  const unsigned char *bytes() const {
    return static_cast<const unsigned char *>(Data);
  }
  size_t size() const { return Size; }

private:
  void *Data = nullptr;
  size_t Size = 0;
};

/// Verifies the checksums of a version 3 trace's records [0, End): each
/// block-link's (the CRC-32C of its block's records before it) and each
/// check record's. Returns "" if all match; otherwise says which range is
/// bad and sets \p BadStart to its first record (decoding stops there).
/// Never reads outside [0, End).
std::string firstBadChecksum(
    const unsigned char *Recs, uint64_t End, uint64_t HeaderSize,
    uint64_t &BadStart,
    const std::function<void(uint64_t, uint64_t)> &Progress) {
  BadStart = End;
  std::string Message;
  auto byteOf = [&](uint64_t Index) {
    return HeaderSize + Index * RecordBytes;
  };
  auto bad = [&](uint64_t First, uint64_t N, const std::string &What) {
    if (First >= BadStart)
      return;
    BadStart = First;
    Message = What + " at byte " + std::to_string(byteOf(First)) + " (" +
              std::to_string(N) + " records, to byte " +
              std::to_string(byteOf(First + N)) +
              "): its records changed after they were written";
  };
  uint64_t BlockStart = 0, BlockEnd = 0;
  for (uint64_t I = 0; I < End; ++I) {
    if (Progress && (I & 0xfffff) == 0)
      Progress(I, 2 * End); // the first half of the work
    Record R;
    std::memcpy(&R, Recs + I * RecordBytes, RecordBytes);
    switch (static_cast<EventKind>(R.Kind)) {
    case EventKind::Block:
      if (R.Time >= 2) {
        BlockStart = I;
        BlockEnd = std::min<uint64_t>(I + R.Time, End);
      }
      break;
    case EventKind::BlockLink:
      if (I > BlockStart && I < BlockEnd &&
          crc32c(Recs + BlockStart * RecordBytes,
                 (I - BlockStart) * RecordBytes) != R.Time)
        bad(BlockStart, I - BlockStart + 1, "bad checksum in the block");
      break;
    case EventKind::Check: {
      uint64_t First = uint64_t(R.Object) | (uint64_t(R.Site) << 32);
      uint64_t N = R.Actor;
      if (N == 0 || First >= End || N > End - First)
        bad(I, 1, "bad check record (its range is outside the file)");
      else if (crc32c(Recs + First * RecordBytes, N * RecordBytes) != R.Time)
        bad(First, N, "bad checksum in the records");
      break;
    }
    default:
      break;
    }
  }
  return Message;
}

/// The full sequence number of a record written outside a block (a
/// finding): the value nearest to the highest one read so far.
uint64_t nearestSeq(uint32_t Low, uint64_t Latest) {
  auto Delta = static_cast<int32_t>(Low - static_cast<uint32_t>(Latest));
  int64_t Full = static_cast<int64_t>(Latest) + Delta;
  return Full < 0 ? Low : static_cast<uint64_t>(Full);
}

/// Where an event goes in Trace::Events: by sequence number; a finding
/// after the event it follows; ties in file order.
struct OrderKey {
  uint64_t Seq;
  uint8_t Class; // 0: an event, 1: a finding's record
  uint64_t Index;
  bool operator<(const OrderKey &O) const {
    if (Seq != O.Seq)
      return Seq < O.Seq;
    if (Class != O.Class)
      return Class < O.Class;
    return Index < O.Index;
  }
};
} // namespace

bool readTrace(const std::string &Path, Trace &Out, std::string &Error,
               const std::function<void(uint64_t, uint64_t)> &Progress) {
  Out = Trace();
  FileView File;
  if (!File.open(Path, Error))
    return false;
  const unsigned char *Bytes = File.bytes();
  const size_t Size = File.size();

  if (Size >= sizeof(Magic) && std::memcmp(Bytes, Magic, sizeof(Magic)) != 0) {
    Error = "not a weft trace (bad magic)";
    return false;
  }
  if (Size < HeaderBytes) {
    Error = "file too short for a trace header (" + std::to_string(Size) +
            " bytes)";
    return false;
  }
  std::memcpy(&Out.Header, Bytes, HeaderBytes);
  const FileHeader &H = Out.Header;
  if (H.Version < OldestReadableVersion || H.Version > FormatVersion) {
    Error = "unsupported trace version " + std::to_string(H.Version) +
            " (this weft reads versions " +
            std::to_string(OldestReadableVersion) + " to " +
            std::to_string(FormatVersion) + ")";
    return false;
  }
  if (H.HeaderSize < HeaderBytes) {
    Error = "bad trace header size " + std::to_string(H.HeaderSize) +
            " (at least " + std::to_string(HeaderBytes) + " expected)";
    return false;
  }
  if (H.RecordSize != RecordBytes) {
    Error = "unsupported record size " + std::to_string(H.RecordSize) +
            " (this weft reads " + std::to_string(RecordBytes) +
            "-byte records)";
    return false;
  }
  if (Size < H.HeaderSize) {
    Error = "file too short for a trace header (" + std::to_string(Size) +
            " bytes)";
    return false;
  }
  // Strings stay NUL-terminated whatever the file says.
  Out.Header.Strategy[sizeof(H.Strategy) - 1] = '\0';
  Out.Header.Program[sizeof(H.Program) - 1] = '\0';

  const unsigned char *Recs = Bytes + H.HeaderSize;
  const uint64_t Avail = Size - H.HeaderSize;
  const uint64_t NumWhole = Avail / RecordBytes;
  auto byteOf = [&](uint64_t Index) {
    return uint64_t(H.HeaderSize) + Index * RecordBytes;
  };
  auto record = [&](uint64_t Index) {
    Record R;
    std::memcpy(&R, Recs + Index * RecordBytes, RecordBytes);
    return R;
  };

  // Zero records after the last written one are the unused preallocated
  // tail (or, after a clean close, nothing); zero records before it are
  // holes left by writers killed between reservation and store.
  uint64_t End = NumWhole;
  while (End > 0 && Recs[(End - 1) * RecordBytes] == 0)
    --End;

  // Checksums first (version 3): decoding stops at the first record of
  // the first range whose CRC does not match.
  uint64_t Verified = End;
  if (H.Version >= 3) {
    std::string Bad = firstBadChecksum(Recs, End, H.HeaderSize, Verified,
                                       Progress);
    if (!Bad.empty()) {
      End = Verified;
      Out.Damage = Bad;
    }
  }
  std::string ChecksumDamage = std::move(Out.Damage);
  Out.Damage.clear();

  // Names are resolved after the pass so definitions may come in any order.
  struct PendingSite {
    uint32_t Id, File, Line, Column;
  };
  struct PendingActor {
    uint32_t Id, Name, Site;
    uint8_t Type;
  };
  struct PendingObject {
    uint32_t Id, Name, Site;
    uint8_t Type;
  };
  std::vector<PendingSite> SiteDefs;
  std::vector<PendingActor> ActorDefs;
  std::vector<PendingObject> ObjectDefs;
  // The block the current record is in (blocks never overlap), its base
  // sequence number and the time of its last Clock.
  uint64_t BlockEnd = 0, BlockBase = 0, BlockClock = 0, BlockZeros = 0;
  uint64_t LatestSeq = 0, FindingSeq = 0;
  // A thread's blocks come in file order; its clock goes on across them.
  uint16_t BlockStream = 0;
  std::unordered_map<uint16_t, uint64_t> StreamClock;
  std::vector<OrderKey> Keys;
  std::vector<uint64_t> Clocks; // per event, before sorting

  // Progress: (records done, records to do); a verified file is read twice.
  const uint64_t Pass0 = H.Version >= 3 ? Verified : 0;
  uint64_t I = 0;
  while (I < End) {
    if (Progress && (I & 0xfffff) == 0)
      Progress(Pass0 + I, Pass0 + End);
    Record R = record(I);
    if (R.Kind == 0) {
      // Inside a block, zeros at its end are slots its thread never used;
      // one with a record after it is a hole.
      ++(I < BlockEnd ? BlockZeros : Out.Holes);
      ++I;
      continue;
    }
    if (I < BlockEnd && R.Kind != static_cast<uint8_t>(EventKind::Block)) {
      Out.Holes += BlockZeros;
      BlockZeros = 0;
    }
    if (!isKnownKind(R.Kind)) {
      Out.Damage = "corrupt record at byte " + std::to_string(byteOf(I)) +
                   ": unknown kind " + std::to_string(R.Kind);
      break;
    }
    auto Kind = static_cast<EventKind>(R.Kind);
    switch (Kind) {
    case EventKind::StringDef: {
      uint64_t Len = R.Site;
      uint64_t NumData =
          (Len + StringBytesPerRecord - 1) / StringBytesPerRecord;
      if (I + 1 + NumData > NumWhole) {
        Out.Damage = "truncated string at byte " + std::to_string(byteOf(I)) +
                     ": " + std::to_string(Len) +
                     " bytes announced, the file ends first";
        I = End;
        break;
      }
      std::string S;
      S.reserve(Len);
      bool Complete = true;
      uint64_t J = 0;
      for (; J < NumData; ++J) {
        const unsigned char *D = Recs + (I + 1 + J) * RecordBytes;
        if (D[0] != static_cast<uint8_t>(EventKind::StringData)) {
          Complete = false; // a writer died mid-string; keep the rest
          break;
        }
        size_t Take = std::min<uint64_t>(StringBytesPerRecord, Len - S.size());
        S.append(reinterpret_cast<const char *>(D + 1), Take);
      }
      if (Complete)
        Out.Strings[R.Object] = std::move(S);
      I += 1 + J;
      continue;
    }
    case EventKind::StringData:
      break; // orphan: its StringDef was lost
    case EventKind::SiteDef:
      SiteDefs.push_back({R.Object, R.Site, R.Time, R.Actor});
      break;
    case EventKind::ActorDef:
      ActorDefs.push_back({R.Actor, R.Object, R.Site, R.Flags});
      break;
    case EventKind::ObjectDef:
      ObjectDefs.push_back({R.Object, R.Time, R.Site, R.Flags});
      break;
    case EventKind::Block:
      if (R.Time < 2) {
        Out.Damage = "corrupt block at byte " + std::to_string(byteOf(I)) +
                     ": " + std::to_string(R.Time) + " slots";
        I = End;
        continue;
      }
      // A block cut by the end of the file is a truncated file (reported
      // below), not a bad block.
      BlockEnd = std::min<uint64_t>(I + R.Time, NumWhole);
      BlockZeros = 0;
      BlockBase = uint64_t(R.Object) | (uint64_t(R.Site) << 32);
      BlockStream = R.Actor;
      BlockClock = StreamClock[BlockStream]; // goes on from its last block
      break;
    case EventKind::BlockLink:
    case EventKind::Check:
      break; // the reader goes by sequence numbers, not by links; the
             // checksums were verified before
    case EventKind::Clock:
      BlockClock = uint64_t(R.Object) | (uint64_t(R.Site) << 32);
      if (I < BlockEnd)
        StreamClock[BlockStream] = BlockClock;
      break;
    default: {
      bool Finding = eventInfo(Kind)->Cat == Category::Report;
      uint64_t Seq;
      if (Finding) {
        // A group's first record says after which event it was made; the
        // rest of the group follows it in the file.
        if (Kind == EventKind::FindingBegin)
          FindingSeq = nearestSeq(R.Time, LatestSeq);
        Seq = FindingSeq;
      } else if (I < BlockEnd) {
        Seq = BlockBase +
              static_cast<uint32_t>(R.Time - static_cast<uint32_t>(BlockBase));
      } else {
        Seq = nearestSeq(R.Time, LatestSeq);
      }
      if (!Finding)
        LatestSeq = std::max(LatestSeq, Seq);
      Keys.push_back(OrderKey{Seq, uint8_t(Finding ? 1 : 0), I});
      Clocks.push_back(Finding || I >= BlockEnd ? 0 : BlockClock);
      Out.Events.push_back(
          Event{Kind, R.Flags, R.Actor, R.Object, R.Site, 0, I, Seq});
      break;
    }
    }
    ++I;
  }

  // Sequence order; times never go back (a block's clock may be a coarse
  // reading, a little behind a precise one of another thread).
  std::vector<size_t> Order(Out.Events.size());
  for (size_t K = 0; K < Order.size(); ++K)
    Order[K] = K;
  std::sort(Order.begin(), Order.end(),
            [&](size_t A, size_t B) { return Keys[A] < Keys[B]; });
  std::vector<Event> Sorted;
  Sorted.reserve(Order.size());
  uint64_t Now = 0;
  for (size_t K : Order) {
    Now = std::max(Now, Clocks[K]);
    Sorted.push_back(Out.Events[K]);
    Sorted.back().TimeUs = Now;
  }
  Out.Events = std::move(Sorted);

  if (Out.Damage.empty())
    Out.Damage = std::move(ChecksumDamage);
  if (Out.Damage.empty() && Avail % RecordBytes != 0)
    Out.Damage = "truncated record at byte " + std::to_string(byteOf(NumWhole));
  if (Out.Damage.empty() && H.Closed == 1 && H.RecordCount > NumWhole)
    Out.Damage = "truncated trace: the header says " +
                 std::to_string(H.RecordCount) + " records, the file holds " +
                 std::to_string(NumWhole);

  auto str = [&](uint32_t Id) -> std::string {
    auto It = Out.Strings.find(Id);
    return It == Out.Strings.end() ? std::string() : It->second;
  };
  for (const PendingSite &S : SiteDefs)
    Out.Sites[S.Id] = SiteInfo{str(S.File), S.Line, S.Column};
  for (const PendingActor &A : ActorDefs)
    Out.Actors[A.Id] =
        ActorInfo{str(A.Name), static_cast<ActorType>(A.Type), A.Site};
  for (const PendingObject &O : ObjectDefs)
    Out.Objects[O.Id] =
        ObjectInfo{static_cast<ObjectType>(O.Type), O.Site, str(O.Name)};
  return true;
}

} // namespace weft::trace
