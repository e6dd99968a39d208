//===- tests/unit/TraceTest.cpp - trace writer and reader -----------------===//
#include "trace/Trace.h"
#include "TestUtil.h"
#include "trace/Crc32c.h"

#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace weft;
using namespace weft::trace;
using weft::test::record;
using weft::test::recordOffset;
using weft::test::TempDir;

namespace {

std::unique_ptr<TraceWriter> makeWriter(const std::string &Path) {
  HeaderInfo Info;
  Info.Program = "./cooks --fast";
  Info.Seed = 42;
  Info.Strategy = "native";
  std::string Error;
  auto W = TraceWriter::create(Path, Info, Error);
  EXPECT_TRUE(W) << Error;
  return W;
}

Trace readOk(const std::string &Path) {
  Trace T;
  std::string Error;
  EXPECT_TRUE(readTrace(Path, T, Error)) << Error;
  return T;
}

std::string readError(const std::string &Path) {
  Trace T;
  std::string Error;
  EXPECT_FALSE(readTrace(Path, T, Error));
  return Error;
}

/// One thread's block (Events.def: Block): a Block record with \p Base,
/// then \p Rs as given (Clock records and events whose time field holds
/// the low 32 bits of their sequence number). Returns the first slot.
uint64_t writeBlock(TraceWriter &W, uint32_t Slots, uint64_t Base,
                    const std::vector<Record> &Rs, uint16_t Stream = 0) {
  uint64_t First = W.reserveBlock(Slots);
  EXPECT_NE(First, TraceWriter::NoSlot);
  Record B = record(EventKind::Block, Stream, uint32_t(Base),
                    uint32_t(Base >> 32), 0, Slots);
  W.storeAt(First, B);
  for (size_t I = 0; I < Rs.size(); ++I)
    W.storeAt(First + 1 + I, Rs[I]);
  return First;
}

Record clockAt(uint64_t Us) {
  return record(EventKind::Clock, 0, uint32_t(Us), uint32_t(Us >> 32));
}

/// Writes a small closed trace with two sync events; returns the path.
std::string writeSmallTrace(const TempDir &D, int NumEvents = 4) {
  std::string Path = D.file("small.weft");
  auto W = makeWriter(Path);
  for (int I = 0; I < NumEvents; ++I)
    W->append(record(EventKind::LockAcquired, 1, 100 + I, 0, 0, 10 + I));
  W->close();
  return Path;
}

/// What a killed writer leaves: no check records (close() writes them) and
/// `closed` 0. Drops the trailing check records of a closed file's bytes.
void asKilled(std::string &Bytes) {
  while (Bytes.size() > sizeof(FileHeader) &&
         uint8_t(Bytes[Bytes.size() - sizeof(Record)]) ==
             uint8_t(EventKind::Check))
    Bytes.resize(Bytes.size() - sizeof(Record));
  Bytes[offsetof(FileHeader, Closed)] = 0;
}

} // namespace

TEST(Trace, RoundTrip) {
  TempDir D;
  ASSERT_TRUE(D.ok());
  std::string Path = D.file("t.weft");
  auto W = makeWriter(Path);
  const std::string Long = "a name that is longer than fifteen bytes: ü∑";
  uint32_t Empty = W->internString("");
  uint32_t Exact = W->internString("fifteen bytes!!"); // exactly 15
  uint32_t LongId = W->internString(Long);
  EXPECT_EQ(LongId, W->internString(Long)) << "strings are interned";
  EXPECT_NE(Empty, 0u);
  uint32_t Site = W->internSite("/src/kitchen/cooks.cpp", 12, 7);
  EXPECT_EQ(Site, W->internSite("/src/kitchen/cooks.cpp", 12, 7));
  uint32_t Site2 = W->internSite("/src/kitchen/cooks.cpp", 13, 0);
  EXPECT_NE(Site, Site2);

  uint32_t Main = W->internString("MainThread");
  W->append(record(EventKind::ActorDef, 1, Main, Site,
                   uint8_t(ActorType::MainThread)));
  uint32_t Knife = W->internString("knife");
  W->append(record(EventKind::ObjectDef, 0, 7, Site, uint8_t(ObjectType::Lock),
                   Knife));
  W->append(
      record(EventKind::ObjectDef, 0, 8, Site2, uint8_t(ObjectType::RLock), 0));
  // One block of 8 slots, 7 used: the unused one is not a hole.
  writeBlock(*W, 8, 5,
             {clockAt(1234),
              record(EventKind::LockRequest, 1, 7, Site, LockBlocking, 5),
              record(EventKind::LockAcquired, 1, 7, Site, 1, 6), clockAt(2000),
              record(EventKind::LockReleased, 1, 7, Site2, 0, 9),
              record(EventKind::ThreadEnd, 1, 0, 0, 0, 10)});
  W->close();
  uint64_t Count = W->recordCount();
  W->close(); // idempotent
  EXPECT_EQ(W->recordCount(), Count);
  W->append(record(EventKind::ThreadEnd, 2, 0, 0)); // dropped after close

  Trace T = readOk(Path);
  EXPECT_TRUE(T.Damage.empty()) << T.Damage;
  EXPECT_EQ(T.Holes, 0u);
  EXPECT_TRUE(T.closedCleanly());
  EXPECT_EQ(T.Header.RecordCount, Count);
  EXPECT_EQ(T.Header.Seed, 42u);
  EXPECT_STREQ(T.Header.Program, "./cooks --fast");
  EXPECT_STREQ(T.Header.Strategy, "native");
  EXPECT_EQ(T.Header.Pid, static_cast<uint32_t>(getpid()));

  EXPECT_EQ(T.Strings.at(Empty), "");
  EXPECT_EQ(T.Strings.at(Exact), "fifteen bytes!!");
  EXPECT_EQ(T.Strings.at(LongId), Long);
  ASSERT_NE(T.site(Site), nullptr);
  EXPECT_EQ(T.site(Site)->File, "/src/kitchen/cooks.cpp");
  EXPECT_EQ(T.site(Site)->Line, 12u);
  EXPECT_EQ(T.site(Site)->Column, 7u);
  EXPECT_EQ(T.site(Site2)->Line, 13u);
  EXPECT_EQ(T.site(999), nullptr);

  ASSERT_EQ(T.Events.size(), 4u);
  EXPECT_EQ(T.Events[0].Kind, EventKind::LockRequest);
  EXPECT_EQ(T.Events[0].Flags, LockBlocking);
  EXPECT_EQ(T.Events[0].Actor, 1);
  EXPECT_EQ(T.Events[0].Object, 7u);
  EXPECT_EQ(T.Events[0].Site, Site);
  EXPECT_EQ(T.Events[0].TimeUs, 1234u);
  EXPECT_EQ(T.Events[0].Seq, 5u);
  EXPECT_EQ(T.Events[1].Kind, EventKind::LockAcquired);
  EXPECT_EQ(T.Events[1].TimeUs, 1234u);
  EXPECT_EQ(T.Events[2].Kind, EventKind::LockReleased);
  EXPECT_EQ(T.Events[2].Site, Site2);
  EXPECT_EQ(T.Events[2].TimeUs, 2000u);
  EXPECT_EQ(T.Events[3].Kind, EventKind::ThreadEnd);
  EXPECT_EQ(T.Events[3].Seq, 10u);
  EXPECT_LT(T.Events[0].Index, T.Events[1].Index);

  EXPECT_EQ(T.actorName(1), "main thread 'MainThread'");
  EXPECT_EQ(T.objectName(7), "Lock 'knife'");
  EXPECT_EQ(T.objectName(8), "RLock (created at cooks.cpp:13)");
  EXPECT_EQ(T.objectName(55), "object #55");
}

TEST(Trace, ObjectsCreatedOnOneLineDifferByColumn) {
  TempDir D;
  std::string Path = D.file("n.weft");
  auto W = makeWriter(Path);
  uint32_t A = W->internSite("/s/cooks.cpp", 4, 17);
  uint32_t B = W->internSite("/s/cooks.cpp", 4, 24);
  uint32_t C = W->internSite("/s/cooks.cpp", 5, 17);
  W->append(record(EventKind::ObjectDef, 0, 1, A, uint8_t(ObjectType::Lock)));
  W->append(record(EventKind::ObjectDef, 0, 2, B, uint8_t(ObjectType::Lock)));
  W->append(record(EventKind::ObjectDef, 0, 3, C, uint8_t(ObjectType::Lock)));
  W->close();
  Trace T = readOk(Path);
  EXPECT_EQ(T.objectName(1), "Lock (created at cooks.cpp:4:17)");
  EXPECT_EQ(T.objectName(2), "Lock (created at cooks.cpp:4:24)");
  EXPECT_EQ(T.objectName(3), "Lock (created at cooks.cpp:5)");
}

TEST(Trace, FileIsTrimmedOnClose) {
  TempDir D;
  std::string Path = writeSmallTrace(D, 3);
  // The 3 records and the check record that covers them.
  EXPECT_EQ(test::readFile(Path).size(), recordOffset(4));
}

TEST(Trace, HoleIsSkipped) {
  TempDir D;
  std::string Path = writeSmallTrace(D, 4);
  std::string Bytes = test::readFile(Path);
  asKilled(Bytes); // holes are left by killed writers
  std::memset(Bytes.data() + recordOffset(1), 0, sizeof(Record));
  test::writeFile(Path, Bytes);

  Trace T = readOk(Path);
  EXPECT_TRUE(T.Damage.empty()) << T.Damage;
  EXPECT_EQ(T.Holes, 1u);
  ASSERT_EQ(T.Events.size(), 3u);
  EXPECT_EQ(T.Events[0].Object, 100u);
  EXPECT_EQ(T.Events[1].Object, 102u);
  EXPECT_EQ(T.Events[2].Object, 103u);
}

TEST(Trace, TruncatedRecordKeepsEarlierEvents) {
  TempDir D;
  std::string Path = writeSmallTrace(D, 4);
  std::string Bytes = test::readFile(Path);
  Bytes.resize(recordOffset(2) + 7); // two records and 7 bytes of a third
  test::writeFile(Path, Bytes);

  Trace T = readOk(Path);
  EXPECT_EQ(T.Damage,
            "truncated record at byte " + std::to_string(recordOffset(2)));
  ASSERT_EQ(T.Events.size(), 2u);
  EXPECT_EQ(T.Events[1].Object, 101u);
}

TEST(Trace, TruncatedAtRecordBoundaryOfClosedTrace) {
  TempDir D;
  std::string Path = writeSmallTrace(D, 4);
  std::string Bytes = test::readFile(Path);
  Bytes.resize(recordOffset(3));
  test::writeFile(Path, Bytes);
  Trace T = readOk(Path);
  // 4 records and their check record.
  EXPECT_NE(T.Damage.find("the header says 5 records, the file holds 3"),
            std::string::npos)
      << T.Damage;
  EXPECT_EQ(T.Events.size(), 3u);
}

TEST(Trace, UnknownKindStopsReading) {
  TempDir D;
  std::string Path = writeSmallTrace(D, 4);
  std::string Bytes = test::readFile(Path);
  asKilled(Bytes); // with the check record, the checksum would fail first
  Bytes[recordOffset(2)] = static_cast<char>(231);
  test::writeFile(Path, Bytes);

  Trace T = readOk(Path);
  EXPECT_EQ(T.Damage, "corrupt record at byte " +
                          std::to_string(recordOffset(2)) +
                          ": unknown kind 231");
  ASSERT_EQ(T.Events.size(), 2u);
}

TEST(Trace, StringRunningPastTheEndIsDamage) {
  TempDir D;
  std::string Path = D.file("s.weft");
  auto W = makeWriter(Path);
  W->append(record(EventKind::LockAcquired, 1, 5, 0, 0, 3));
  W->append(record(EventKind::StringDef, 0, 9, /*len=*/1000));
  W->append(record(EventKind::StringData, 0, 0));
  W->close();
  Trace T = readOk(Path);
  EXPECT_EQ(T.Damage.rfind("truncated string at byte " +
                               std::to_string(recordOffset(1)),
                           0),
            0u)
      << T.Damage;
  EXPECT_EQ(T.Events.size(), 1u);
  EXPECT_EQ(T.Strings.count(9), 0u);
}

TEST(Trace, OrphanStringDataIsSkipped) {
  TempDir D;
  std::string Path = D.file("o.weft");
  auto W = makeWriter(Path);
  W->append(record(EventKind::StringData, 0, 0x41414141));
  W->append(record(EventKind::LockAcquired, 1, 5, 0, 0, 3));
  W->close();
  Trace T = readOk(Path);
  EXPECT_TRUE(T.Damage.empty()) << T.Damage;
  EXPECT_EQ(T.Events.size(), 1u);
}

TEST(Trace, BadMagic) {
  TempDir D;
  std::string Path = D.file("bad");
  test::writeFile(Path, "this is a text file, not a trace\n");
  EXPECT_EQ(readError(Path), "not a weft trace (bad magic)");
}

TEST(Trace, BadVersion) {
  TempDir D;
  std::string Path = writeSmallTrace(D);
  std::string Bytes = test::readFile(Path);
  uint16_t Seven = 7;
  std::memcpy(Bytes.data() + offsetof(FileHeader, Version), &Seven, 2);
  test::writeFile(Path, Bytes);
  EXPECT_EQ(readError(Path),
            "unsupported trace version 7 (this weft reads versions 2 to 3)");
  uint16_t One = 1;
  std::memcpy(Bytes.data() + offsetof(FileHeader, Version), &One, 2);
  test::writeFile(Path, Bytes);
  EXPECT_EQ(readError(Path),
            "unsupported trace version 1 (this weft reads versions 2 to 3)");
}

TEST(Trace, Crc32cKnownValues) {
  // The check value of CRC-32C (RFC 3720) and an empty input.
  EXPECT_EQ(crc32c("123456789", 9), 0xe3069283u);
  EXPECT_EQ(crc32c("", 0), 0u);
  // Lengths that are not multiples of 8 take the byte loop too.
  std::string Long(1000, 'x');
  EXPECT_EQ(crc32c(Long.data(), 1000), crc32c(Long.data(), 1000));
  EXPECT_NE(crc32c(Long.data(), 999), crc32c(Long.data(), 1000));
}

namespace {
/// A stream of two blocks: the first full (its link carries the CRC, as
/// the runtime's Recorder writes it), the second open. Returns the path
/// and the first slot of each block.
std::string writeLinkedTrace(const TempDir &D, uint64_t &First,
                             uint64_t &Second) {
  std::string Path = D.file("linked.weft");
  auto W = makeWriter(Path);
  W->append(record(EventKind::ActorDef, 1, 0, 0)); // outside any block
  First = writeBlock(*W, 4, 0,
                     {record(EventKind::LockAcquired, 1, 7, 0, 0, 0),
                      record(EventKind::LockReleased, 1, 7, 0, 0, 1)});
  Second = writeBlock(*W, 8, 2,
                      {record(EventKind::LockAcquired, 1, 7, 0, 0, 2)});
  Record Link = record(EventKind::BlockLink, 0, uint32_t(Second), 0);
  Link.Time = W->checksum(First, 3);
  W->storeAt(First + 3, Link);
  W->close();
  return Path;
}
} // namespace

TEST(Trace, ChecksumsMatchWhenNothingChanged) {
  TempDir D;
  uint64_t First, Second;
  Trace T = readOk(writeLinkedTrace(D, First, Second));
  EXPECT_TRUE(T.Damage.empty()) << T.Damage;
  EXPECT_EQ(T.Events.size(), 3u);
}

TEST(Trace, ChangedRecordInAFullBlockIsFound) {
  TempDir D;
  uint64_t First, Second;
  std::string Path = writeLinkedTrace(D, First, Second);
  std::string Bytes = test::readFile(Path);
  // Object and site of the block's second event: the kind stays valid.
  for (size_t K = 4; K < 12; ++K)
    Bytes[recordOffset(First + 2) + K] ^= 0x5a;
  test::writeFile(Path, Bytes);
  Trace T = readOk(Path);
  EXPECT_EQ(T.Damage, "bad checksum in the block at byte " +
                          std::to_string(recordOffset(First)) +
                          " (4 records, to byte " +
                          std::to_string(recordOffset(First + 4)) +
                          "): its records changed after they were written");
  EXPECT_TRUE(T.Events.empty()); // nothing before the bad block is an event
}

TEST(Trace, ChangedRecordInAnOpenBlockOrOutsideIsFound) {
  TempDir D;
  uint64_t First, Second;
  std::string Path = writeLinkedTrace(D, First, Second);
  std::string Clean = test::readFile(Path);
  // The open block's event: covered by a check record written at close.
  std::string Bytes = Clean;
  Bytes[recordOffset(Second + 1) + 5] ^= 1;
  Bytes[recordOffset(Second + 1) + 9] ^= 1;
  test::writeFile(Path, Bytes);
  Trace T = readOk(Path);
  EXPECT_EQ(T.Damage.rfind("bad checksum in the records at byte " +
                               std::to_string(recordOffset(Second)) + " (2 records",
                           0),
            0u)
      << T.Damage;
  EXPECT_EQ(T.Events.size(), 2u); // the full block's events are kept
  // The record outside any block.
  Bytes = Clean;
  Bytes[recordOffset(0) + 6] ^= 0x10;
  test::writeFile(Path, Bytes);
  T = readOk(Path);
  EXPECT_EQ(T.Damage.rfind("bad checksum in the records at byte " +
                               std::to_string(recordOffset(0)) + " (1 records",
                           0),
            0u)
      << T.Damage;
}

TEST(Trace, Version2IsReadWithoutChecksums) {
  TempDir D;
  uint64_t First, Second;
  std::string Path = writeLinkedTrace(D, First, Second);
  std::string Bytes = test::readFile(Path);
  uint16_t Two = 2;
  std::memcpy(Bytes.data() + offsetof(FileHeader, Version), &Two, 2);
  Bytes[recordOffset(First + 2) + 5] ^= 1;
  test::writeFile(Path, Bytes);
  Trace T = readOk(Path);
  EXPECT_TRUE(T.Damage.empty()) << T.Damage;
  EXPECT_EQ(T.Events.size(), 3u);
}

TEST(Trace, CheckRecordPointingOutsideTheFileIsDamage) {
  TempDir D;
  std::string Path = writeSmallTrace(D, 2);
  std::string Bytes = test::readFile(Path);
  // The check record at the end: its range now starts far past the end.
  Bytes[recordOffset(2) + 7] = 0x7f;
  test::writeFile(Path, Bytes);
  Trace T = readOk(Path);
  EXPECT_EQ(T.Damage.rfind("bad check record (its range is outside the file) "
                           "at byte " +
                               std::to_string(recordOffset(2)),
                           0),
            0u)
      << T.Damage;
  EXPECT_EQ(T.Events.size(), 2u);
}

TEST(Trace, ShortFile) {
  TempDir D;
  std::string Path = D.file("short");
  std::string Bytes(Magic, sizeof(Magic));
  Bytes += "abcd";
  test::writeFile(Path, Bytes);
  EXPECT_EQ(readError(Path), "file too short for a trace header (12 bytes)");
  test::writeFile(Path, "");
  EXPECT_EQ(readError(Path), "file too short for a trace header (0 bytes)");
}

TEST(Trace, MissingFile) {
  TempDir D;
  EXPECT_NE(readError(D.file("nope")).find("cannot open"), std::string::npos);
}

TEST(Trace, BlocksAreMergedBySequenceNumber) {
  TempDir D;
  std::string Path = D.file("m.weft");
  auto W = makeWriter(Path);
  // Two threads' blocks; thread 2's is reserved first. A finding made after
  // event 2 is appended outside the blocks, as the Monitor does.
  writeBlock(*W, 16, 1,
             {clockAt(50), record(EventKind::QueuePut, 2, 9, 0, 0, 1),
              clockAt(70), record(EventKind::QueuePut, 2, 9, 0, 0, 3)});
  writeBlock(*W, 16, 0,
             {clockAt(40), record(EventKind::QueueGot, 1, 9, 0, 0, 0),
              clockAt(60), record(EventKind::QueueGot, 1, 9, 0, 0, 2),
              record(EventKind::QueueGot, 1, 9, 0, 0, 4)});
  W->append(record(EventKind::FindingBegin, 1, 0, 0, 0, 2));
  W->append(record(EventKind::FindingEnd, 1, 0));
  W->close();
  Trace T = readOk(Path);
  EXPECT_EQ(T.Holes, 0u) << "unused block slots are not holes";
  ASSERT_EQ(T.Events.size(), 7u);
  std::vector<EventKind> Kinds;
  std::vector<uint64_t> Times;
  for (const Event &E : T.Events) {
    Kinds.push_back(E.Kind);
    Times.push_back(E.TimeUs);
  }
  EXPECT_EQ(Kinds, (std::vector<EventKind>{
                       EventKind::QueueGot, EventKind::QueuePut,
                       EventKind::QueueGot, EventKind::FindingBegin,
                       EventKind::FindingEnd, EventKind::QueuePut,
                       EventKind::QueueGot}));
  // Each event has its block's clock; time never goes back in event order.
  EXPECT_EQ(Times, (std::vector<uint64_t>{40, 50, 60, 60, 60, 70, 70}));
}

TEST(Trace, ClockGoesOnAcrossAStreamsBlocks) {
  TempDir D;
  std::string Path = D.file("s.weft");
  auto W = makeWriter(Path);
  writeBlock(*W, 4, 0,
             {clockAt(500), record(EventKind::LockAcquired, 1, 7, 0, 0, 0)},
             /*Stream=*/3);
  writeBlock(*W, 4, 1,
             {clockAt(900), record(EventKind::LockAcquired, 2, 8, 0, 0, 1)},
             /*Stream=*/4);
  // Stream 3 goes on without a clock of its own: 500, raised to 900 so
  // that time never goes back.
  writeBlock(*W, 4, 2, {record(EventKind::LockReleased, 1, 7, 0, 0, 2)},
             /*Stream=*/3);
  writeBlock(*W, 4, 3, {record(EventKind::LockReleased, 2, 8, 0, 0, 3)},
             /*Stream=*/4);
  W->close();
  Trace T = readOk(Path);
  ASSERT_EQ(T.Events.size(), 4u);
  EXPECT_EQ(T.Events[0].TimeUs, 500u);
  EXPECT_EQ(T.Events[1].TimeUs, 900u);
  EXPECT_EQ(T.Events[2].TimeUs, 900u);
  EXPECT_EQ(T.Events[3].Seq, 3u);
  EXPECT_EQ(T.Events[3].TimeUs, 900u);
}

TEST(Trace, SequenceNumbersWrapAround) {
  TempDir D;
  std::string Path = D.file("w.weft");
  auto W = makeWriter(Path);
  const uint64_t Base = 0xFFFFFF00u;
  writeBlock(*W, 8, Base,
             {record(EventKind::Sleep, 1, 0, 0, 0, 0xFFFFFF00u),
              record(EventKind::Sleep, 1, 1, 0, 0, 0xFFFFFFF0u),
              record(EventKind::Sleep, 1, 2, 0, 0, 0x10u)}); // wrapped
  writeBlock(*W, 8, Base, {record(EventKind::Sleep, 2, 3, 0, 0, 0xFFFFFFF8u)});
  W->close();
  Trace T = readOk(Path);
  ASSERT_EQ(T.Events.size(), 4u);
  EXPECT_EQ(T.Events[0].Seq, 0xFFFFFF00ull);
  EXPECT_EQ(T.Events[1].Seq, 0xFFFFFFF0ull);
  EXPECT_EQ(T.Events[2].Seq, 0xFFFFFFF8ull);
  EXPECT_EQ(T.Events[2].Object, 3u);
  EXPECT_EQ(T.Events[3].Seq, 0x100000010ull);
}

TEST(Trace, BlockOfOneSlotIsDamage) {
  TempDir D;
  std::string Path = D.file("b.weft");
  auto W = makeWriter(Path);
  W->append(record(EventKind::Block, 0, 0, 0, 0, 1));
  W->close();
  Trace T = readOk(Path);
  EXPECT_NE(T.Damage.find("corrupt block"), std::string::npos) << T.Damage;
}

TEST(Trace, ConcurrentWritersLoseNothing) {
  TempDir D;
  std::string Path = D.file("c.weft");
  auto W = makeWriter(Path);
  constexpr int Threads = 4, PerThread = 20000; // crosses chunk boundaries
  std::vector<std::thread> Ts;
  for (int A = 1; A <= Threads; ++A)
    Ts.emplace_back([&, A] {
      for (int I = 0; I < PerThread; ++I)
        W->append(record(EventKind::LockAcquired, uint16_t(A), uint32_t(I)));
    });
  for (auto &T : Ts)
    T.join();
  W->close();
  Trace T = readOk(Path);
  EXPECT_TRUE(T.Damage.empty()) << T.Damage;
  EXPECT_EQ(T.Holes, 0u);
  ASSERT_EQ(T.Events.size(), size_t(Threads * PerThread));
  std::vector<uint32_t> NextPerActor(Threads + 1, 0);
  for (const Event &E : T.Events) {
    ASSERT_EQ(E.Object, NextPerActor[E.Actor]) << "per-writer order kept";
    ++NextPerActor[E.Actor];
  }
}

TEST(Trace, SurvivesSigkill) {
  TempDir D;
  std::string Path = D.file("k.weft");
  pid_t Pid = fork();
  ASSERT_GE(Pid, 0);
  if (Pid == 0) {
    HeaderInfo Info;
    std::string Error;
    auto W = TraceWriter::create(Path, Info, Error);
    if (!W)
      _exit(3);
    uint32_t S = W->internSite("k.cpp", 3, 1);
    for (uint32_t I = 0; I < 1000; ++I)
      W->append(record(EventKind::LockAcquired, 1, I, S));
    ::kill(::getpid(), SIGKILL); // no close, no destructor
    _exit(4);
  }
  int Status = 0;
  ASSERT_EQ(waitpid(Pid, &Status, 0), Pid);
  ASSERT_TRUE(WIFSIGNALED(Status)) << "child exited with " << Status;
  Trace T = readOk(Path);
  EXPECT_FALSE(T.closedCleanly());
  EXPECT_TRUE(T.Damage.empty()) << T.Damage;
  EXPECT_EQ(T.Holes, 0u) << "the preallocated tail is not counted as holes";
  ASSERT_EQ(T.Events.size(), 1000u);
  EXPECT_EQ(T.Events.back().Object, 999u);
  EXPECT_EQ(T.site(T.Events[0].Site)->File, "k.cpp");
}
