//===- runtime/lib/record/RecorderStreams.cpp - per-thread blocks, drained in order ===//
//
// The recording hot path and its one consumer.
//
// Writing (no lock): a thread owns a Stream, a chain of blocks of the trace
// file. An event takes the next sequence number (one fetch_add) and is
// stored in the thread's block, preceded by a Clock record when the time
// has moved on (see precise() for which clock). A block starts with a Block record (its base sequence
// number and the stream's index) and ends, when full, with a BlockLink to
// the next one; blocks grow from 16 to 16384 slots. The record is in the file the moment it is
// stored, so the trace still survives SIGKILL.
//
// Draining (order mutex): the drainer follows every stream's chain from
// where it stopped and hands the Monitor the events in sequence order. A
// number that is taken but not yet stored is a writer between its
// fetch_add and its store, a few instructions with no lock: a drain that
// must reach it waits for it (that writer never waits for the order mutex
// while it holds a number).
//
// Without a trace file (or when it is full or closed), an event takes the
// slow path: the order mutex, every earlier event drained, then this one
// handed to the Monitor directly.
//===----------------------------------------------------------------------===//
#include "record/Recorder.h"

#include "sched/ControlledKernel.h"
#include "record/Monitor.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <mutex>
#include <sched.h>

namespace weft::core {

using trace::EventKind;
using trace::Record;
using trace::TraceWriter;

struct Recorder::Stream {
  // The writing side: the owning thread (a stream passes from one thread to
  // the next through StreamMu).
  uint64_t Slot = TraceWriter::NoSlot; // next slot to store
  uint64_t Last = 0;                   // the block's last slot (its link)
  uint64_t BlockFirst = 0;             // the block's first slot
  uint64_t Base = 0;                   // the block's base sequence number
  uint64_t ClockUs = 0;                // time of the last Clock stored
  bool HaveClock = false;              // a Clock was stored
  uint64_t LastSeq = 0;                // number of the last event stored
  bool Any = false;                    // an event was stored
  uint32_t NextSize = 16;
  /// The first block, published for the drainer.
  std::atomic<uint64_t> First{TraceWriter::NoSlot};
  Stream *NextFree = nullptr; // StreamMu
  uint16_t Index = 0;         // in Streams: the Block records' actor field
  /// Site ids looked up by the owning thread (and by earlier owners: ids
  /// do not change, so the table stays valid from one thread to the next).
  FastSite Sites[FastSlots];

  // The draining side (OrderMu).
  uint64_t ReadSlot = TraceWriter::NoSlot;
  uint64_t ReadBase = 0, ReadClock = 0;
  bool HaveHead = false;
  Record Head{};
  uint64_t HeadSeq = 0;
};

namespace {

constexpr uint32_t MaxBlock = 16384;
constexpr uint64_t DrainEvery = 256; // a power of 2

Record makeRecord(EventKind K, uint64_t Wide) {
  Record R{};
  R.Kind = static_cast<uint8_t>(K);
  R.Object = static_cast<uint32_t>(Wide);
  R.Site = static_cast<uint32_t>(Wide >> 32);
  return R;
}

/// A Sync (or Schedule) record: its time field holds the low 32 bits of
/// its sequence number.
Record eventRecord(EventKind K, uint8_t Flags, uint16_t Actor,
                   uint32_t Object, uint32_t Site, uint64_t Seq) {
  Record R{};
  R.Kind = static_cast<uint8_t>(K);
  R.Flags = Flags;
  R.Actor = Actor;
  R.Object = Object;
  R.Site = Site;
  R.Time = static_cast<uint32_t>(Seq);
  return R;
}

uint64_t wide(const Record &R) {
  return uint64_t(R.Object) | (uint64_t(R.Site) << 32);
}

/// Set when the thread parks: its next event reads the precise clock.
thread_local bool ParkedSinceLastEvent = true;

/// Whether an event's time is read from the precise clock: the first event
/// after the thread parked (a wait, a sleep, a timeout) and the start and
/// end of threads. The events of a thread that keeps running (a lock taken,
/// an item put, an event set, ...) read the kernel's coarse clock, which
/// costs a fraction and is at most one tick behind.
bool precise(EventKind K) {
  switch (K) {
  case EventKind::ThreadStart:
  case EventKind::ThreadBegin:
  case EventKind::ThreadEnd:
  case EventKind::ThreadJoin:
  case EventKind::ProgramExit:
  case EventKind::DaemonKilled:
    return true;
  default:
    return ParkedSinceLastEvent;
  }
}

/// After these, the recording thread drains through its own event: the
/// end of an actor can leave every other one stuck. (TSan's report hook
/// needs no drain: LockCore keeps its table of held locks current itself.)
bool drainsAfter(EventKind K) {
  return K == EventKind::ThreadEnd || K == EventKind::ProgramExit;
}

// The calling thread's stream. A trivially destructible pointer stays
// usable after the thread's TLS destructors ran (the main thread records
// at exit after them); the guard gives the stream back when a thread ends.
thread_local Recorder::Stream *Mine = nullptr;
thread_local bool GuardGone = false;
struct StreamGuard {
  Recorder *Owner = nullptr;
  ~StreamGuard();
};
thread_local StreamGuard Guard;

} // namespace

Recorder::Stream *Recorder::myStream() {
  if (Mine) [[likely]]
    return Mine;
  {
    WEFT_TSAN_IGNORE_ACCESSES(); // StreamMu is invisible to TSan
    std::lock_guard<InternalMutex> G(StreamMu);
    if (FreeStreams) {
      Mine = FreeStreams;
      FreeStreams = Mine->NextFree;
    } else {
      size_t N = NumStreams.load(std::memory_order_relaxed);
      if (N == MaxStreams)
        return nullptr; // the slow path
      Mine = new Stream();
      Mine->Index = static_cast<uint16_t>(N);
      Streams[N] = Mine;
      NumStreams.store(N + 1, std::memory_order_release);
    }
  }
  if (!GuardGone)
    Guard.Owner = this;
  return Mine;
}

void Recorder::forgetThreadStream() {
  Mine = nullptr;
  GuardGone = false;
  Guard.Owner = nullptr;
  ParkedSinceLastEvent = true;
}

Recorder::FastSite *Recorder::mySiteTable() {
  Stream *S = myStream();
  return S ? S->Sites : nullptr;
}

void Recorder::releaseStream(Stream *S) {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(StreamMu);
  S->NextFree = FreeStreams;
  FreeStreams = S;
}

namespace {
StreamGuard::~StreamGuard() {
  GuardGone = true;
  if (Owner && Mine)
    Owner->releaseStream(Mine);
  Mine = nullptr;
}
} // namespace

bool Recorder::newBlock(Stream &S) {
  uint32_t Size = S.NextSize;
  uint64_t First = Writer->reserveBlock(Size);
  if (First == TraceWriter::NoSlot)
    return false;
  S.NextSize = std::min(Size * 2, MaxBlock);
  // Every number this block will hold is at least this one.
  uint64_t Base = NextSeq.load(std::memory_order_relaxed);
  Record B = makeRecord(EventKind::Block, Base);
  B.Actor = S.Index; // the thread's clock goes on from its previous block
  B.Time = Size;
  Writer->storeAt(First, B);
  if (S.Slot == TraceWriter::NoSlot) {
    S.First.store(First, std::memory_order_release);
  } else {
    // The full block is sealed: its link carries the CRC-32C of every slot
    // before it (this thread stored them all).
    Record Link = makeRecord(EventKind::BlockLink, First);
    Link.Time = Writer->checksum(S.BlockFirst, S.Slot - S.BlockFirst);
    Writer->storeAt(S.Slot, Link);
  }
  S.BlockFirst = First;
  S.Slot = First + 1;
  S.Last = First + Size - 1;
  S.Base = Base;
  return true;
}

bool Recorder::recordInStream(EventKind Kind, uint8_t Flags, uint16_t Actor,
                              uint32_t Object, uint32_t Site) {
  Stream *S = myStream();
  if (!S) [[unlikely]]
    return false;
  // Room for a Clock and the event before the link slot, and a base close
  // enough for 32 bits to tell the numbers apart.
  bool Fresh = false;
  if (S->Slot == TraceWriter::NoSlot || S->Slot + 2 > S->Last ||
      NextSeq.load(std::memory_order_relaxed) - S->Base >= (1ull << 31))
      [[unlikely]] {
    if (!newBlock(*S))
      return false;
    Fresh = true;
  }
  const bool Precise = Ctl || precise(Kind);
  ParkedSinceLastEvent = false;
  uint64_t Us = nowMicros(Precise);
  // Relaxed is enough: a release event is recorded before the state
  // change that publishes it and an acquire after the one that observes
  // it, so happens-before orders the two fetch_adds on this one atomic.
  uint64_t Seq = NextSeq.fetch_add(1, std::memory_order_relaxed);
  // A coarse reading changes once per tick; a precise one is kept if it
  // moved on at all.
  if (!S->HaveClock || Us > S->ClockUs) {
    Writer->storeAt(S->Slot++, makeRecord(EventKind::Clock, Us));
    S->ClockUs = Us;
    S->HaveClock = true;
  }
  Writer->storeAt(S->Slot++,
                  eventRecord(Kind, Flags, Actor, Object, Site, Seq));
  S->LastSeq = Seq;
  S->Any = true;
  // Every DrainEvery events, feed the Monitor if nobody else is: it stays
  // close behind a thread that never blocks, and the records it reads are
  // still in this core's cache.
  if ((Fresh || (Seq & (DrainEvery - 1)) == 0) && !Ctl)
    tryDrain();
  return true;
}

void Recorder::sync(EventKind Kind, uint8_t Flags, uint16_t Actor,
                    uint32_t Object, uint32_t Site) {
  if (!Writer || !recordInStream(Kind, Flags, Actor, Object, Site)) {
    std::lock_guard<InternalMutex> G(OrderMu);
    recordLocked(Kind, Flags, Actor, Object, Site);
  } else if (Ctl || drainsAfter(Kind)) {
    drain();
  }
  if (Ctl) [[unlikely]] // the operation's scheduling point
    Ctl->afterEvent(Kind, Flags, Actor, Object, Site);
}

void Recorder::syncLocked(EventKind Kind, uint8_t Flags, uint16_t Actor,
                          uint32_t Object, uint32_t Site) {
  recordLocked(Kind, Flags, Actor, Object, Site);
}

void Recorder::schedule(uint16_t Actor, uint32_t Candidates, uint8_t Flags) {
  std::lock_guard<InternalMutex> G(OrderMu);
  recordLocked(EventKind::Schedule, Flags, Actor, Candidates, 0);
}

void Recorder::recordLocked(EventKind Kind, uint8_t Flags, uint16_t Actor,
                            uint32_t Object, uint32_t Site) {
  // Every number before this one reaches the Monitor first.
  uint64_t Seq = NextSeq.fetch_add(1, std::memory_order_relaxed);
  drainLockedThrough(Seq);
  uint64_t Us = nowMicros(true);
  if (Writer) {
    // Outside any block: the reader places it by its number (nearest to
    // those around it) and gives it the time of the event before it.
    Writer->append(eventRecord(Kind, Flags, Actor, Object, Site, Seq));
  }
  Drained = Seq + 1;
  if (Mon && Kind != EventKind::Schedule)
    Mon->onEventLocked(trace::Event{Kind, Flags, Actor, Object, Site, Us,
                                    Seq, Seq});
}

void Recorder::appendExitLocked(uint16_t Actor) {
  uint64_t Seq = NextSeq.fetch_add(1, std::memory_order_relaxed);
  if (!Writer)
    return;
  Writer->append(eventRecord(EventKind::ProgramExit, 1, Actor, 0, 0, Seq));
}

bool Recorder::peek(Stream &S) {
  if (S.HaveHead)
    return true;
  for (;;) {
    if (S.ReadSlot == TraceWriter::NoSlot) {
      S.ReadSlot = S.First.load(std::memory_order_acquire);
      if (S.ReadSlot == TraceWriter::NoSlot)
        return false;
    }
    Record R;
    if (!Writer->loadAt(S.ReadSlot, R))
      return false; // not stored yet
    switch (static_cast<EventKind>(R.Kind)) {
    case EventKind::Block:
      S.ReadBase = wide(R);
      ++S.ReadSlot;
      continue;
    case EventKind::Clock:
      S.ReadClock = wide(R);
      ++S.ReadSlot;
      continue;
    case EventKind::BlockLink:
      S.ReadSlot = wide(R);
      continue;
    default:
      S.Head = R;
      S.HeadSeq = S.ReadBase + static_cast<uint32_t>(
                                   R.Time - static_cast<uint32_t>(S.ReadBase));
      S.HaveHead = true;
      return true;
    }
  }
}

void Recorder::drainLockedThrough(uint64_t Through) {
  if (!Writer)
    return; // every event took the slow path
  Stream *Best = nullptr;
  for (unsigned Spins = 0;;) {
    // The stream of the last event usually has the next one too.
    if (!Best || !peek(*Best) || Best->HeadSeq != Drained) {
      size_t N = NumStreams.load(std::memory_order_acquire);
      Best = nullptr;
      for (size_t I = 0; I < N; ++I) {
        Stream &S = *Streams[I];
        if (peek(S) && (!Best || S.HeadSeq < Best->HeadSeq))
          Best = &S;
      }
    }
    if (Best && Best->HeadSeq == Drained) {
      Spins = 0;
      const Record R = Best->Head;
      Best->HaveHead = false;
      ++Best->ReadSlot;
      ++Drained;
      auto Kind = static_cast<EventKind>(R.Kind);
      if (Mon && Kind != EventKind::Schedule)
        Mon->onEventLocked(trace::Event{Kind, R.Flags, R.Actor, R.Object,
                                        R.Site, Best->ReadClock,
                                        Best->ReadSlot - 1, Drained - 1});
      continue;
    }
    if (Drained >= Through)
      return;
    // Drained is taken and not stored yet: its writer is a few instructions
    // from storing it.
    if (++Spins > 64)
      sched_yield();
  }
}

void Recorder::drainLocked() {
  drainLockedThrough(NextSeq.load(std::memory_order_acquire));
}

void Recorder::drain() {
  std::lock_guard<InternalMutex> G(OrderMu);
  drainLocked();
}

bool Recorder::drainBeforePark() {
  ParkedSinceLastEvent = true;
  std::lock_guard<InternalMutex> G(OrderMu);
  drainLockedThrough(0);
  // Mine is the stream this thread writes (the slow path drains itself).
  return !Mine || !Mine->Any || Drained > Mine->LastSeq;
}

void Recorder::tryDrain() {
  if (!OrderMu.try_lock())
    return;
  drainLockedThrough(0);
  OrderMu.unlock();
}

} // namespace weft::core
