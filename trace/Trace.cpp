//===- trace/Trace.cpp - writing trace files; a trace's tables -----------===//
//
// The writer maps one large address range over the file (MAP_SHARED) once
// and grows the file under it with ftruncate, so a record lands in the page
// cache the moment it is stored and survives the process being killed.
// Slots are reserved with one fetch_add; a record's kind byte is stored
// last, with release ordering, so a slot whose writer died half-way reads as
// kind 0 (a hole) rather than as a half-written record.
//
// The reader is in TraceReader.cpp.
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

} // namespace weft::trace
