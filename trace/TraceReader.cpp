//===- trace/TraceReader.cpp - a trace read as a stream of events ---------===//
//
// The reader never trusts the file: every length and kind is checked, and
// the first thing that does not make sense stops decoding with a message
// that says where.
//
// One Scanner decodes records in file order (the rules for blocks, clocks,
// strings, holes and sequence numbers live there only). The first pass runs
// one over the whole file to collect the tables; then every cursor of the
// merge is a Scanner too: one walks the whole file and keeps only the
// records outside blocks (and the findings), each of the others walks one
// stream's chain of blocks, jumping from block to block by their links.
// Within a stream and outside blocks the sequence numbers only grow (the
// first pass checks it), so merging the cursors gives sequence order.
//
//===----------------------------------------------------------------------===//
#include "trace/TraceReader.h"

#include "trace/Crc32c.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <queue>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace weft::trace {

namespace {
constexpr uint64_t HeaderBytes = sizeof(FileHeader);
constexpr uint64_t RecordBytes = sizeof(Record);
constexpr uint64_t NoIndex = UINT64_MAX;
/// Read buffers, in records: the passes over the whole file read 1 MiB at
/// a time, each stream's cursor 16 KiB (a block is at most 16384 records,
/// 256 KiB, so a cursor reads a big block in a few calls).
constexpr size_t ScanRecords = 1 << 16;
constexpr size_t CursorRecords = 1 << 10;

uint64_t wide(const Record &R) {
  return uint64_t(R.Object) | (uint64_t(R.Site) << 32);
}

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

/// The file, read with pread (never mapped: a trace may be larger than the
/// address space the reader is allowed).
class RecordFile {
public:
  ~RecordFile() {
    if (Fd >= 0)
      ::close(Fd);
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
    Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (Fd < 0) {
      Error = "cannot open trace file: " + std::string(std::strerror(errno));
      return false;
    }
    if (::fstat(Fd, &St) != 0) {
      Error = "cannot stat trace file: " + std::string(std::strerror(errno));
      return false;
    }
    if (!S_ISREG(St.st_mode)) {
      Error = notRegular(St.st_mode);
      return false;
    }
    Size = static_cast<uint64_t>(St.st_size);
    return true;
  }
  /// Reads \p N bytes at \p Offset; what cannot be read (past the end, an
  /// I/O error) reads as zeros, which the decoder takes for unused slots.
  void readBytes(uint64_t Offset, void *Out, size_t N) const {
    auto *P = static_cast<char *>(Out);
    size_t Done = 0;
    while (Done < N) {
      ssize_t Got = ::pread(Fd, P + Done, N - Done, off_t(Offset + Done));
      if (Got < 0 && errno == EINTR)
        continue;
      if (Got <= 0)
        break;
      Done += size_t(Got);
    }
    std::memset(P + Done, 0, N - Done);
  }
  /// Records [First, First + N).
  void records(uint64_t First, size_t N, Record *Out) const {
    readBytes(HeaderSize + First * RecordBytes, Out, N * RecordBytes);
  }
  /// CRC-32C of records [First, First + N), read a piece at a time.
  uint32_t checksum(uint64_t First, uint64_t N) const {
    std::vector<Record> Buf(std::min<uint64_t>(N, ScanRecords));
    uint32_t Crc = 0;
    while (N > 0) {
      size_t Take = std::min<uint64_t>(N, Buf.size());
      records(First, Take, Buf.data());
      Crc = crc32cExtend(Crc, Buf.data(), Take * RecordBytes);
      First += Take;
      N -= Take;
    }
    return Crc;
  }

  int Fd = -1;
  uint64_t Size = 0;
  uint64_t HeaderSize = 0; // where records start
  uint64_t NumWhole = 0;   // whole records in the file
};

/// A buffered view of records around the last one asked for.
class Window {
public:
  Window(const RecordFile &F, size_t Cap) : F(&F), Buf(Cap) {}
  /// Record \p I (< NumWhole), reading forward from it when not buffered.
  const Record &at(uint64_t I) {
    if (I - Begin >= Count)
      fill(I);
    return Buf[I - Begin];
  }
  /// Record \p I, reading backward from it when not buffered.
  const Record &atBackward(uint64_t I) {
    if (I - Begin >= Count)
      fill(I + 1 > Buf.size() ? I + 1 - Buf.size() : 0);
    return Buf[I - Begin];
  }

private:
  void fill(uint64_t From) {
    Begin = From;
    Count = std::min<uint64_t>(Buf.size(), F->NumWhole - From);
    F->records(Begin, Count, Buf.data());
  }
  const RecordFile *F;
  std::vector<Record> Buf;
  uint64_t Begin = 0, Count = 0;
};

/// Verifies the checksums of a version 3 trace's records [0, End): each
/// block-link's (the CRC-32C of its block's records before it) and each
/// check record's. Returns "" if all match; otherwise says which range is
/// bad and sets \p BadStart to its first record (decoding stops there).
/// Never reads outside [0, End).
std::string firstBadChecksum(const RecordFile &F, uint64_t End,
                             uint64_t &BadStart,
                             const TraceReader::ProgressFn &Progress,
                             uint64_t Total) {
  BadStart = End;
  std::string Message;
  auto byteOf = [&](uint64_t Index) {
    return F.HeaderSize + Index * RecordBytes;
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
  Window W(F, ScanRecords);
  uint64_t BlockStart = 0, BlockEnd = 0;
  for (uint64_t I = 0; I < End; ++I) {
    if (Progress && (I & 0xfffff) == 0)
      Progress(I, Total);
    const Record &R = W.at(I);
    switch (static_cast<EventKind>(R.Kind)) {
    case EventKind::Block:
      if (R.Time >= 2) {
        BlockStart = I;
        BlockEnd = std::min<uint64_t>(I + R.Time, End);
      }
      break;
    case EventKind::BlockLink:
      if (I > BlockStart && I < BlockEnd &&
          F.checksum(BlockStart, I - BlockStart) != R.Time)
        bad(BlockStart, I - BlockStart + 1, "bad checksum in the block");
      break;
    case EventKind::Check: {
      uint64_t First = wide(R);
      uint64_t N = R.Actor;
      if (N == 0 || First >= End || N > End - First)
        bad(I, 1, "bad check record (its range is outside the file)");
      else if (F.checksum(First, N) != R.Time)
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

/// Where an event goes in the order: by sequence number; a finding after
/// the event it follows; ties in file order.
struct OrderKey {
  uint64_t Seq = 0;
  uint8_t Class = 0; // 0: an event, 1: a finding's record
  uint64_t Index = 0;
  bool operator<(const OrderKey &O) const {
    if (Seq != O.Seq)
      return Seq < O.Seq;
    if (Class != O.Class)
      return Class < O.Class;
    return Index < O.Index;
  }
};

/// One decoded event (a record that is neither meta nor empty).
struct Decoded {
  Event E{};
  uint64_t Clock = 0; // its block's clock; 0 outside blocks and findings
  bool InBlock = false, Finding = false;
  OrderKey key() const { return {E.Seq, uint8_t(Finding ? 1 : 0), E.Index}; }
};

/// What the first pass keeps besides the Scanner's own state: the tables,
/// the holes, the damage, and where each stream's chain of blocks starts.
struct Collector {
  Trace *Out = nullptr;
  struct PendingSite {
    uint32_t Id, File, Line, Column;
  };
  struct PendingDef {
    uint32_t Id, Name, Site;
    uint8_t Type;
  };
  // Names are resolved after the pass so definitions may come in any order.
  std::vector<PendingSite> SiteDefs;
  std::vector<PendingDef> ActorDefs, ObjectDefs;

  // Chains. A block continues its stream's chain when the link of the
  // stream's previous block (in file order) points at it; any other block
  // starts a chain, and a link that points elsewhere is never followed.
  // In a file no writer damaged, each stream is one chain.
  struct Start {
    uint64_t Index; // of its first Block record
    uint64_t Clock; // the stream's clock there
    uint16_t Stream;
  };
  std::vector<Start> Starts;
  std::set<uint64_t> BadLinks; // BlockLink records not to follow
  struct StreamState {
    uint64_t LinkTo = NoIndex, LinkAt = NoIndex; // the last block's link
    size_t Chain = 0;
  };
  std::unordered_map<uint16_t, StreamState> Streams;
  size_t Chain = 0; // of the current block

  // Whether every cursor's events come in order (else: sort in memory).
  std::vector<OrderKey> ChainLast;
  std::vector<bool> ChainAny;
  OrderKey TopLast;
  bool TopAny = false;
  bool Unordered = false;
  uint64_t Events = 0;

  void onBlock(uint64_t I, uint16_t Stream, uint64_t Clock) {
    auto [It, New] = Streams.try_emplace(Stream);
    StreamState &S = It->second;
    if (!New && S.LinkTo == I) {
      Chain = S.Chain;
    } else {
      if (S.LinkAt != NoIndex)
        BadLinks.insert(S.LinkAt);
      Chain = S.Chain = Starts.size();
      Starts.push_back({I, Clock, Stream});
      ChainLast.emplace_back();
      ChainAny.push_back(false);
    }
    S.LinkTo = S.LinkAt = NoIndex;
  }
  void onLink(uint16_t Stream, uint64_t At, uint64_t To) {
    StreamState &S = Streams[Stream];
    S.LinkAt = At;
    S.LinkTo = To;
  }
  void onEvent(const Decoded &D) {
    ++Events;
    OrderKey K = D.key();
    bool Top = D.Finding || !D.InBlock;
    OrderKey &Last = Top ? TopLast : ChainLast[Chain];
    bool Any = Top ? TopAny : ChainAny[Chain];
    if (Any && !(Last < K))
      Unordered = true;
    Last = K;
    if (Top)
      TopAny = true;
    else
      ChainAny[Chain] = true;
  }
  /// After the pass: links whose block never came are not followed.
  void finish() {
    for (auto &[Stream, S] : Streams)
      if (S.LinkAt != NoIndex)
        BadLinks.insert(S.LinkAt);
  }
};

/// Decodes records in file order from a position: the one place that knows
/// blocks, clocks, strings, holes and sequence numbers.
class Scanner {
public:
  Scanner(const RecordFile &F, uint64_t End, size_t Buffer,
          Collector *C = nullptr)
      : F(F), W(F, Buffer), End(End), C(C) {}

  enum class Step { Event, Other, Stop };
  /// Decodes the record at index() (a string and its data at once).
  Step step(Decoded &D);
  uint64_t index() const { return I; }
  bool atEnd() const { return I >= End; }
  /// Goes to the Block record at \p Index; its stream's clock is \p Clock.
  void seekBlock(uint64_t Index, uint16_t Stream, uint64_t Clock) {
    I = Index;
    StreamClock[Stream] = Clock;
  }
  /// Goes to the Block record at \p Index of the stream being read.
  void seekBlock(uint64_t Index) { I = Index; }
  /// Whether the next record is outside the block being read.
  bool leftBlock(uint64_t BlockStart) {
    return I != BlockStart && (I >= BlockEnd || W.at(I).Kind == BlockKind);
  }
  /// The last link of the block being read (NoIndex: none).
  uint64_t lastLinkAt() const { return LinkAt; }
  uint64_t lastLinkTo() const { return LinkTo; }
  /// What stopped the decoding early ("" if nothing did).
  const std::string &damage() const { return Damage; }
  uint64_t holes() const { return Holes; }

private:
  static constexpr uint8_t BlockKind = static_cast<uint8_t>(EventKind::Block);
  std::string at(const char *What, uint64_t Index) const {
    return std::string(What) + " at byte " +
           std::to_string(F.HeaderSize + Index * RecordBytes);
  }
  Step stop(std::string Why) {
    Damage = std::move(Why);
    End = I;
    return Step::Stop;
  }

  const RecordFile &F;
  Window W;
  uint64_t I = 0, End;
  Collector *C;
  // The block the current record is in (blocks never overlap), its base
  // sequence number and the time of its last Clock.
  uint64_t BlockEnd = 0, BlockBase = 0, BlockClock = 0, BlockZeros = 0;
  uint64_t LatestSeq = 0, FindingSeq = 0;
  uint64_t LinkAt = NoIndex, LinkTo = 0;
  // A thread's blocks come in file order; its clock goes on across them.
  uint16_t BlockStream = 0;
  std::unordered_map<uint16_t, uint64_t> StreamClock;
  std::string Damage;
  uint64_t Holes = 0;
};

Scanner::Step Scanner::step(Decoded &D) {
  if (I >= End)
    return Step::Stop;
  const Record R = W.at(I);
  if (R.Kind == 0) {
    // Inside a block, zeros at its end are slots its thread never used;
    // one with a record after it is a hole.
    ++(I < BlockEnd ? BlockZeros : Holes);
    ++I;
    return Step::Other;
  }
  if (I < BlockEnd && R.Kind != BlockKind) {
    Holes += BlockZeros;
    BlockZeros = 0;
  }
  if (!isKnownKind(R.Kind))
    return stop(at("corrupt record", I) + ": unknown kind " +
                std::to_string(R.Kind));
  auto Kind = static_cast<EventKind>(R.Kind);
  switch (Kind) {
  case EventKind::StringDef: {
    uint64_t Len = R.Site;
    uint64_t NumData = (Len + StringBytesPerRecord - 1) / StringBytesPerRecord;
    if (I + 1 + NumData > F.NumWhole)
      return stop(at("truncated string", I) + ": " + std::to_string(Len) +
                  " bytes announced, the file ends first");
    std::string S;
    if (C)
      S.reserve(Len);
    uint64_t J = 0;
    for (; J < NumData; ++J) {
      const Record &Data = W.at(I + 1 + J);
      if (Data.Kind != static_cast<uint8_t>(EventKind::StringData))
        break; // a writer died mid-string; keep the rest
      if (C) {
        size_t Take = std::min<uint64_t>(StringBytesPerRecord, Len - S.size());
        S.append(reinterpret_cast<const char *>(&Data) + 1, Take);
      }
    }
    if (C && J == NumData)
      C->Out->Strings[R.Object] = std::move(S);
    I += 1 + J;
    return Step::Other;
  }
  case EventKind::StringData:
    break; // orphan: its StringDef was lost
  case EventKind::SiteDef:
    if (C)
      C->SiteDefs.push_back({R.Object, R.Site, R.Time, R.Actor});
    break;
  case EventKind::ActorDef:
    if (C)
      C->ActorDefs.push_back({R.Actor, R.Object, R.Site, R.Flags});
    break;
  case EventKind::ObjectDef:
    if (C)
      C->ObjectDefs.push_back({R.Object, R.Time, R.Site, R.Flags});
    break;
  case EventKind::Block:
    if (R.Time < 2)
      return stop(at("corrupt block", I) + ": " + std::to_string(R.Time) +
                  " slots");
    // A block cut by the end of the file is a truncated file (reported
    // by the reader), not a bad block.
    BlockEnd = std::min<uint64_t>(I + R.Time, F.NumWhole);
    BlockZeros = 0;
    BlockBase = wide(R);
    BlockStream = R.Actor;
    BlockClock = StreamClock[BlockStream]; // goes on from its last block
    LinkAt = NoIndex;
    if (C)
      C->onBlock(I, BlockStream, BlockClock);
    break;
  case EventKind::BlockLink:
    // Order comes from sequence numbers; links only say where a stream
    // goes on (the checksums were verified before).
    if (I < BlockEnd) {
      LinkAt = I;
      LinkTo = wide(R);
      if (C)
        C->onLink(BlockStream, I, LinkTo);
    }
    break;
  case EventKind::Check:
    break;
  case EventKind::Clock:
    BlockClock = wide(R);
    if (I < BlockEnd)
      StreamClock[BlockStream] = BlockClock;
    break;
  default: {
    bool Finding = eventInfo(Kind)->Cat == Category::Report;
    bool InBlock = I < BlockEnd;
    uint64_t Seq;
    if (Finding) {
      // A group's first record says after which event it was made; the
      // rest of the group follows it in the file.
      if (Kind == EventKind::FindingBegin)
        FindingSeq = nearestSeq(R.Time, LatestSeq);
      Seq = FindingSeq;
    } else if (InBlock) {
      Seq = BlockBase +
            static_cast<uint32_t>(R.Time - static_cast<uint32_t>(BlockBase));
    } else {
      Seq = nearestSeq(R.Time, LatestSeq);
    }
    if (!Finding)
      LatestSeq = std::max(LatestSeq, Seq);
    D.E = Event{Kind, R.Flags, R.Actor, R.Object, R.Site, 0, I, Seq};
    D.Clock = Finding || !InBlock ? 0 : BlockClock;
    D.InBlock = InBlock;
    D.Finding = Finding;
    if (C)
      C->onEvent(D);
    ++I;
    return Step::Event;
  }
  }
  ++I;
  return Step::Other;
}

/// One input of the merge: a Scanner that yields the events of one chain
/// of blocks (Chain) or those outside blocks and the findings (Top).
class Cursor {
public:
  /// The cursor of the records outside blocks.
  Cursor(const RecordFile &F, uint64_t End)
      : S(F, End, ScanRecords), Top(true) {}
  /// The cursor of the chain that starts at \p St.
  Cursor(const RecordFile &F, uint64_t End, const Collector::Start &St,
         const std::set<uint64_t> &BadLinks)
      : S(F, End, CursorRecords), Top(false), Block(St.Index),
        BadLinks(&BadLinks) {
    S.seekBlock(St.Index, St.Stream, St.Clock);
  }
  /// Decodes the next event of this input into Head; false at its end.
  bool advance() {
    for (;;) {
      if (!Top && S.leftBlock(Block) && !follow())
        return false;
      Scanner::Step St = S.step(Head);
      if (St == Scanner::Step::Stop)
        return false;
      if (St == Scanner::Step::Event &&
          (Top ? Head.Finding || !Head.InBlock
               : Head.InBlock && !Head.Finding))
        return true;
    }
  }
  Decoded Head;

private:
  /// Jumps to the stream's next block; false if the chain ends here.
  bool follow() {
    uint64_t At = S.lastLinkAt(), To = S.lastLinkTo();
    if (At == NoIndex || BadLinks->count(At) || To <= Block)
      return false;
    Block = To;
    S.seekBlock(To);
    return true;
  }
  Scanner S;
  bool Top;
  uint64_t Block = 0;
  const std::set<uint64_t> *BadLinks = nullptr;
};

} // namespace

struct TraceReader::Impl {
  RecordFile F;
  Trace Info;
  Collector C;
  uint64_t Stop = 0;
  ProgressFn Progress;     // in units of records x passes
  ProgressFn UserProgress; // in records of the file
  uint64_t ProgressBase = 0, ProgressTotal = 0, Passes = 1;

  // The merge: a min-heap of cursors by their head's order key.
  std::vector<std::unique_ptr<Cursor>> Cursors;
  struct Later {
    bool operator()(const Cursor *A, const Cursor *B) const {
      return B->Head.key() < A->Head.key();
    }
  };
  std::priority_queue<Cursor *, std::vector<Cursor *>, Later> Heap;
  bool Started = false;
  uint64_t Now = 0, Yielded = 0;

  // Out of order (damaged): every event, sorted.
  std::vector<Event> Sorted;
  size_t SortedNext = 0;

  bool open(const std::string &Path, std::string &Error);
  void start();
  void sortAll();
};

TraceReader::TraceReader() : P(std::make_unique<Impl>()) {}
TraceReader::~TraceReader() = default;

const Trace &TraceReader::info() const { return P->Info; }
uint64_t TraceReader::eventCount() const { return P->C.Events; }

bool TraceReader::open(const std::string &Path, std::string &Error,
                       ProgressFn Progress) {
  P = std::make_unique<Impl>();
  if (Progress) {
    // Each pass reads every record: the caller sees records of the file.
    P->UserProgress = std::move(Progress);
    P->Progress = [I = P.get()](uint64_t Done, uint64_t Total) {
      I->UserProgress(Done / I->Passes, Total / I->Passes);
    };
  }
  return P->open(Path, Error);
}

bool TraceReader::Impl::open(const std::string &Path, std::string &Error) {
  if (!F.open(Path, Error))
    return false;
  const uint64_t Size = F.Size;
  char MagicBytes[sizeof(Magic)];
  if (Size >= sizeof(Magic)) {
    F.readBytes(0, MagicBytes, sizeof MagicBytes);
    if (std::memcmp(MagicBytes, Magic, sizeof(Magic)) != 0) {
      Error = "not a weft trace (bad magic)";
      return false;
    }
  }
  if (Size < HeaderBytes) {
    Error = "file too short for a trace header (" + std::to_string(Size) +
            " bytes)";
    return false;
  }
  F.readBytes(0, &Info.Header, HeaderBytes);
  FileHeader &H = Info.Header;
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
  H.Strategy[sizeof(H.Strategy) - 1] = '\0';
  H.Program[sizeof(H.Program) - 1] = '\0';

  F.HeaderSize = H.HeaderSize;
  const uint64_t Avail = Size - H.HeaderSize;
  const uint64_t NumWhole = F.NumWhole = Avail / RecordBytes;

  // Zero records after the last written one are the unused preallocated
  // tail (or, after a clean close, nothing); zero records before it are
  // holes left by writers killed between reservation and store.
  uint64_t End = NumWhole;
  {
    Window Back(F, ScanRecords);
    while (End > 0 && Back.atBackward(End - 1).Kind == 0)
      --End;
  }

  // Progress: records done of records to do; a verified file is read
  // once more before the tables, and the events come last.
  const bool Verify = H.Version >= 3;
  Passes = Verify ? 3 : 2;
  ProgressTotal = Passes * End;
  // Checksums first (version 3): decoding stops at the first record of
  // the first range whose CRC does not match.
  std::string ChecksumDamage;
  if (Verify) {
    uint64_t Verified = End;
    ChecksumDamage =
        firstBadChecksum(F, End, Verified, Progress, ProgressTotal);
    End = Verified;
    ProgressBase = End;
  }

  // The tables, in one pass.
  C.Out = &Info;
  {
    Scanner S(F, End, ScanRecords, &C);
    Decoded D;
    for (uint64_t Steps = 0; S.step(D) != Scanner::Step::Stop; ++Steps)
      if (Progress && (Steps & 0xfffff) == 0)
        Progress(ProgressBase + S.index(), ProgressTotal);
    Stop = S.index();
    Info.Damage = S.damage();
    Info.Holes = S.holes();
  }
  C.finish();
  ProgressBase += End;

  if (Info.Damage.empty())
    Info.Damage = std::move(ChecksumDamage);
  if (Info.Damage.empty() && Avail % RecordBytes != 0)
    Info.Damage = "truncated record at byte " +
                  std::to_string(H.HeaderSize + NumWhole * RecordBytes);
  if (Info.Damage.empty() && H.Closed == 1 && H.RecordCount > NumWhole)
    Info.Damage = "truncated trace: the header says " +
                  std::to_string(H.RecordCount) + " records, the file holds " +
                  std::to_string(NumWhole);

  auto str = [&](uint32_t Id) -> std::string {
    auto It = Info.Strings.find(Id);
    return It == Info.Strings.end() ? std::string() : It->second;
  };
  for (const Collector::PendingSite &S : C.SiteDefs)
    Info.Sites[S.Id] = SiteInfo{str(S.File), S.Line, S.Column};
  for (const Collector::PendingDef &A : C.ActorDefs)
    Info.Actors[A.Id] =
        ActorInfo{str(A.Name), static_cast<ActorType>(A.Type), A.Site};
  for (const Collector::PendingDef &O : C.ObjectDefs)
    Info.Objects[O.Id] =
        ObjectInfo{static_cast<ObjectType>(O.Type), O.Site, str(O.Name)};
  C.SiteDefs = {};
  C.ActorDefs = {};
  C.ObjectDefs = {};
  return true;
}

void TraceReader::Impl::start() {
  Started = true;
  if (C.Unordered) {
    sortAll();
    return;
  }
  Cursors.push_back(std::make_unique<Cursor>(F, Stop));
  for (const Collector::Start &St : C.Starts)
    Cursors.push_back(std::make_unique<Cursor>(F, Stop, St, C.BadLinks));
  for (auto &Cur : Cursors)
    if (Cur->advance())
      Heap.push(Cur.get());
}

void TraceReader::Impl::sortAll() {
  // Sequence order, as the whole-file reader always did it.
  Scanner S(F, Stop, ScanRecords);
  std::vector<Decoded> All;
  Decoded D;
  for (Scanner::Step St; (St = S.step(D)) != Scanner::Step::Stop;)
    if (St == Scanner::Step::Event)
      All.push_back(D);
  std::sort(All.begin(), All.end(), // keys are unique
                   [](const Decoded &A, const Decoded &B) {
                     return A.key() < B.key();
                   });
  Sorted.reserve(All.size());
  for (const Decoded &X : All) {
    Now = std::max(Now, X.Clock);
    Sorted.push_back(X.E);
    Sorted.back().TimeUs = Now;
  }
}

bool TraceReader::next(Event &E) {
  Impl &I = *P;
  if (!I.Started)
    I.start();
  if (I.Progress && (I.Yielded & 0xfffff) == 0 && I.C.Events)
    I.Progress(I.ProgressBase + I.Yielded * (I.ProgressTotal - I.ProgressBase) /
                                    I.C.Events,
               I.ProgressTotal);
  if (I.C.Unordered) {
    if (I.SortedNext >= I.Sorted.size())
      return false;
    E = I.Sorted[I.SortedNext++];
    ++I.Yielded;
    return true;
  }
  if (I.Heap.empty())
    return false;
  Cursor *Cur = I.Heap.top();
  I.Heap.pop();
  // Times never go back (a block's clock may be a coarse reading, a
  // little behind a precise one of another thread).
  I.Now = std::max(I.Now, Cur->Head.Clock);
  E = Cur->Head.E;
  E.TimeUs = I.Now;
  if (Cur->advance())
    I.Heap.push(Cur);
  ++I.Yielded;
  return true;
}

bool readTrace(const std::string &Path, Trace &Out, std::string &Error,
               const std::function<void(uint64_t, uint64_t)> &Progress) {
  Out = Trace();
  TraceReader R;
  if (!R.open(Path, Error, Progress))
    return false;
  Out = R.info();
  Out.Events.reserve(R.eventCount());
  for (Event E; R.next(E);)
    Out.Events.push_back(E);
  return true;
}

} // namespace weft::trace
