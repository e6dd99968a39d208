//===- tests/unit/CheckerTest.cpp - detectors on hand-built event streams -===//
#include "detect/Checker.h"
#include "TestUtil.h"
#include "report/TraceFindings.h"

#include <map>

using namespace weft;
using namespace weft::detect;
using report::Finding;
using report::Location;
using report::RuleId;
using trace::Event;
using trace::EventKind;
using trace::ObjectType;

namespace {

/// Symbols from plain tables. Site N is "x.cpp" line N.
class FakeSymbols : public Symbols {
public:
  std::map<uint32_t, std::string> Actors;
  std::map<uint32_t, std::pair<ObjectType, unsigned>> Objects; // type, line
  std::map<uint32_t, unsigned> Starts;

  Location site(uint32_t SiteId) const override {
    if (SiteId == 0)
      return {};
    return Location{"x.cpp", SiteId, 0};
  }
  std::string actorName(uint32_t A) const override {
    auto It = Actors.find(A);
    return It == Actors.end() ? "thread #" + std::to_string(A) : It->second;
  }
  std::string objectName(uint32_t O) const override {
    auto It = Objects.find(O);
    std::string Type(trace::objectTypeName(
        It == Objects.end() ? ObjectType::Unknown : It->second.first));
    return Type + " (created at x.cpp:" +
           std::to_string(It == Objects.end() ? 0 : It->second.second) + ")";
  }
  ObjectType objectType(uint32_t O) const override {
    auto It = Objects.find(O);
    return It == Objects.end() ? ObjectType::Unknown : It->second.first;
  }
  Location actorStart(uint32_t A) const override {
    auto It = Starts.find(A);
    return It == Starts.end() ? Location{} : site(It->second);
  }
};

class CheckerTest : public ::testing::Test {
protected:
  CheckerTest() {
    Syms.Actors = {{1, "main thread 'MainThread'"},
                   {2, "thread 'Thread-1'"},
                   {3, "thread 'Thread-2'"},
                   {4, "thread 'Thread-3'"}};
    Syms.Objects = {{10, {ObjectType::Lock, 4}},
                    {11, {ObjectType::Lock, 5}},
                    {12, {ObjectType::Lock, 6}},
                    {20, {ObjectType::RLock, 8}}};
    Syms.Starts = {{2, 90}, {3, 91}, {4, 92}};
  }

  void feed(EventKind K, uint16_t Actor, uint32_t Object, uint32_t Site,
            uint8_t Flags = 0) {
    Event E{K, Flags, Actor, Object, Site, Index, Index};
    ++Index;
    C.onEvent(E, Out);
  }
  void request(uint16_t A, uint32_t L, uint32_t Site,
               uint8_t Flags = trace::LockBlocking) {
    feed(EventKind::LockRequest, A, L, Site, Flags);
  }
  void acquire(uint16_t A, uint32_t L, uint32_t Site) {
    request(A, L, Site);
    feed(EventKind::LockAcquired, A, L, Site, 1);
  }
  void release(uint16_t A, uint32_t L, uint32_t Site) {
    feed(EventKind::LockReleased, A, L, Site);
  }
  void end(uint16_t A) { feed(EventKind::ThreadEnd, A, 0, 0); }

  size_t count(RuleId R) const {
    return std::count_if(Out.begin(), Out.end(),
                         [&](const Finding &F) { return F.Rule == R; });
  }

  FakeSymbols Syms;
  Checker C{Syms};
  std::vector<Finding> Out;
  uint64_t Index = 1;
};

} // namespace

TEST_F(CheckerTest, LockOrderInversion) {
  acquire(2, 10, 20);
  acquire(2, 11, 21);
  release(2, 11, 22);
  release(2, 10, 23);
  EXPECT_TRUE(Out.empty());
  acquire(3, 11, 30);
  acquire(3, 10, 31);
  ASSERT_EQ(Out.size(), 1u);
  const Finding &F = Out[0];
  EXPECT_EQ(F.Rule, RuleId::LockOrderInversion);
  EXPECT_EQ(F.Sev, report::Severity::Warning);
  EXPECT_EQ(F.Origin, "runtime");
  EXPECT_EQ(F.Loc, (Location{"x.cpp", 31, 0}));
  EXPECT_EQ(F.Message,
            "lock-order inversion (potential deadlock): Lock (created at "
            "x.cpp:4) and Lock (created at x.cpp:5) are acquired in opposite "
            "orders");
  ASSERT_EQ(F.Notes.size(), 4u);
  EXPECT_EQ(F.Notes[0].Message, "thread 'Thread-1' acquires Lock (created at "
                                "x.cpp:5) here while holding Lock (created at "
                                "x.cpp:4)");
  EXPECT_EQ(F.Notes[0].Loc.Line, 21u);
  EXPECT_EQ(F.Notes[1].Message, "Lock (created at x.cpp:4) acquired here");
  EXPECT_EQ(F.Notes[1].Loc.Line, 20u);
  EXPECT_EQ(F.Notes[2].Loc.Line, 31u);
  EXPECT_EQ(F.Notes[3].Loc.Line, 30u);
  EXPECT_FALSE(C.deadlocked());

  // The same cycle again is not reported twice.
  release(3, 10, 32);
  release(3, 11, 33);
  acquire(4, 11, 40);
  acquire(4, 10, 41);
  EXPECT_EQ(Out.size(), 1u);
}

TEST_F(CheckerTest, ThreeLockCycle) {
  acquire(2, 10, 20);
  acquire(2, 11, 21);
  release(2, 11, 22);
  release(2, 10, 23);
  acquire(3, 11, 30);
  acquire(3, 12, 31);
  release(3, 12, 32);
  release(3, 11, 33);
  EXPECT_TRUE(Out.empty());
  acquire(4, 12, 40);
  acquire(4, 10, 41);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Message,
            "lock-order inversion (potential deadlock): a cycle of 3 locks: "
            "Lock (created at x.cpp:4) -> Lock (created at x.cpp:5) -> Lock "
            "(created at x.cpp:6) -> Lock (created at x.cpp:4)");
  EXPECT_EQ(Out[0].Notes.size(), 6u);
}

TEST_F(CheckerTest, ConsistentOrderIsClean) {
  for (uint16_t A : {2, 3, 4}) {
    acquire(A, 10, 20);
    acquire(A, 11, 21);
    acquire(A, 12, 22);
    release(A, 12, 23);
    release(A, 11, 24);
    release(A, 10, 25);
    end(A);
  }
  EXPECT_TRUE(Out.empty());
  EXPECT_EQ(C.lockOrder().numEdges(), 3u);
}

TEST_F(CheckerTest, GateLockedInversionIsClean) {
  acquire(2, 12, 20); // the gate
  acquire(2, 10, 21);
  acquire(2, 11, 22);
  release(2, 11, 23);
  release(2, 10, 24);
  release(2, 12, 25);
  acquire(3, 12, 30);
  acquire(3, 11, 31);
  acquire(3, 10, 32);
  EXPECT_TRUE(Out.empty());
}

TEST_F(CheckerTest, Deadlock) {
  acquire(2, 10, 20);
  acquire(3, 11, 30);
  request(2, 11, 21);
  EXPECT_FALSE(C.deadlocked());
  request(3, 10, 31);
  EXPECT_TRUE(C.deadlocked());
  ASSERT_EQ(Out.size(), 1u);
  const Finding &F = Out[0];
  EXPECT_EQ(F.Rule, RuleId::Deadlock);
  EXPECT_EQ(F.Sev, report::Severity::Error);
  EXPECT_EQ(F.Loc.Line, 31u);
  EXPECT_EQ(F.Message, "deadlock: 2 threads wait for each other forever: "
                       "thread 'Thread-2' and thread 'Thread-1'");
  ASSERT_EQ(F.Notes.size(), 4u);
  EXPECT_EQ(F.Notes[0].Message,
            "thread 'Thread-2' waits for Lock (created at x.cpp:4) here");
  EXPECT_EQ(F.Notes[0].Loc.Line, 31u);
  EXPECT_EQ(F.Notes[1].Message, "Lock (created at x.cpp:4) is held by thread "
                                "'Thread-1', acquired here");
  EXPECT_EQ(F.Notes[1].Loc.Line, 20u);
  EXPECT_EQ(F.Notes[2].Loc.Line, 21u);
  EXPECT_EQ(F.Notes[3].Loc.Line, 30u);
}

TEST_F(CheckerTest, TimedWaitIsNoDeadlock) {
  acquire(2, 10, 20);
  acquire(3, 11, 30);
  request(2, 11, 21);
  request(3, 10, 31, trace::LockBlocking | trace::LockTimed);
  EXPECT_FALSE(C.deadlocked());
  feed(EventKind::LockFailed, 3, 10, 31);
  request(3, 10, 32, 0); // non-blocking
  EXPECT_FALSE(C.deadlocked());
  EXPECT_TRUE(Out.empty());
}

TEST_F(CheckerTest, DoubleAcquire) {
  acquire(1, 10, 5);
  request(1, 10, 6);
  ASSERT_EQ(count(RuleId::DoubleAcquire), 1u);
  const Finding &F = Out[0];
  EXPECT_EQ(F.Loc.Line, 6u);
  EXPECT_EQ(F.Message, "main thread 'MainThread' acquires Lock (created at "
                       "x.cpp:4) again while holding it; a Lock is not "
                       "reentrant, so this blocks forever");
  ASSERT_EQ(F.Notes.size(), 1u);
  EXPECT_EQ(F.Notes[0].Message, "first acquired here");
  EXPECT_EQ(F.Notes[0].Loc.Line, 5u);
  // It is also a wait-for cycle of one: the program cannot go on.
  EXPECT_TRUE(C.deadlocked());
  ASSERT_EQ(count(RuleId::Deadlock), 1u);
  EXPECT_EQ(Out[1].Message, "deadlock: main thread 'MainThread' waits forever "
                            "for Lock (created at x.cpp:4) which it holds "
                            "itself");
}

TEST_F(CheckerTest, TimedDoubleAcquireFailsButDoesNotDeadlock) {
  acquire(2, 10, 5);
  request(2, 10, 6, trace::LockBlocking | trace::LockTimed);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Rule, RuleId::DoubleAcquire);
  EXPECT_NE(Out[0].Message.find("waits for the whole timeout and fails"),
            std::string::npos)
      << Out[0].Message;
  EXPECT_FALSE(C.deadlocked());
}

TEST_F(CheckerTest, NonBlockingReacquireIsClean) {
  acquire(1, 10, 5);
  request(1, 10, 6, 0);
  feed(EventKind::LockFailed, 1, 10, 6);
  EXPECT_TRUE(Out.empty());
}

TEST_F(CheckerTest, RLockReacquireIsClean) {
  acquire(1, 20, 5);
  acquire(1, 20, 6);
  acquire(1, 10, 7);
  release(1, 10, 8);
  release(1, 20, 9);
  release(1, 20, 10);
  end(1);
  EXPECT_TRUE(Out.empty());
  EXPECT_FALSE(C.deadlocked());
  EXPECT_FALSE(C.waitFor().holder(20));
}

TEST_F(CheckerTest, MissingRelease) {
  acquire(3, 10, 9);
  acquire(3, 11, 10);
  release(3, 11, 11);
  end(3);
  ASSERT_EQ(Out.size(), 1u);
  const Finding &F = Out[0];
  EXPECT_EQ(F.Rule, RuleId::MissingRelease);
  EXPECT_EQ(F.Loc.Line, 9u);
  EXPECT_EQ(F.Message,
            "thread 'Thread-2' ends while still holding Lock (created at "
            "x.cpp:4)");
  ASSERT_EQ(F.Notes.size(), 1u);
  EXPECT_EQ(F.Notes[0].Message, "thread 'Thread-2' was started here");
  EXPECT_EQ(F.Notes[0].Loc.Line, 91u);
}

TEST_F(CheckerTest, ReleasedBeforeEndIsClean) {
  acquire(3, 10, 9);
  release(3, 10, 10);
  end(3);
  EXPECT_TRUE(Out.empty());
}

TEST_F(CheckerTest, LockReleasedByAnotherThreadIsClean) {
  acquire(2, 10, 9); // a plain Lock used as a signal
  release(3, 10, 10);
  end(2);
  end(3);
  EXPECT_TRUE(Out.empty());
}

TEST_F(CheckerTest, MissingReleaseWithoutStartSite) {
  acquire(1, 10, 9);
  end(1);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_TRUE(Out[0].Notes.empty()) << "the main thread has no start site";
}

// The offline path: a real trace file through readTrace and checkTrace, and
// findings stored in the trace and read back.
TEST(CheckTrace, FromFile) {
  test::TempDir D;
  std::string Path = D.file("cooks.weft");
  std::string Error;
  auto W = trace::TraceWriter::create(Path, trace::HeaderInfo{}, Error);
  ASSERT_TRUE(W) << Error;
  auto Site = [&](uint32_t Line) {
    return W->internSite("/src/cooks.cpp", Line, 3);
  };
  using test::record;
  W->append(record(EventKind::ActorDef, 1, W->internString("MainThread"),
                   Site(1), uint8_t(trace::ActorType::MainThread)));
  W->append(record(EventKind::ActorDef, 2, W->internString("Thread-1"), Site(2),
                   uint8_t(trace::ActorType::Thread)));
  W->append(record(EventKind::ObjectDef, 0, 10, Site(4),
                   uint8_t(ObjectType::Lock), W->internString("knife")));
  W->append(
      record(EventKind::ObjectDef, 0, 11, Site(5), uint8_t(ObjectType::Lock)));
  W->append(record(EventKind::ThreadStart, 1, 2, Site(30)));
  W->append(record(EventKind::ThreadBegin, 2, 1, 0));
  for (uint16_t A : {uint16_t(1), uint16_t(2)}) {
    uint32_t First = A == 1 ? 10 : 11, Second = A == 1 ? 11 : 10;
    W->append(record(EventKind::LockRequest, A, First, Site(10 * A),
                     trace::LockBlocking));
    W->append(record(EventKind::LockAcquired, A, First, Site(10 * A), 1));
    W->append(record(EventKind::LockRequest, A, Second, Site(10 * A + 1),
                     trace::LockBlocking));
    W->append(record(EventKind::LockAcquired, A, Second, Site(10 * A + 1), 1));
    W->append(record(EventKind::LockReleased, A, Second, Site(10 * A + 2)));
    if (A == 1) // Thread-1 keeps its first lock: a missing release
      W->append(record(EventKind::LockReleased, A, First, Site(10 * A + 3)));
  }
  W->append(record(EventKind::ThreadEnd, 2, 0, Site(30)));

  trace::Trace T;
  ASSERT_TRUE(trace::readTrace(Path, T, Error)) << Error;
  std::vector<Finding> Fs = checkTrace(T);
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Rule, RuleId::LockOrderInversion);
  EXPECT_EQ(Fs[0].Message,
            "lock-order inversion (potential deadlock): Lock 'knife' and "
            "Lock (created at cooks.cpp:5) are acquired in opposite orders");
  EXPECT_EQ(Fs[0].Loc, (Location{"/src/cooks.cpp", 21, 3}));
  EXPECT_EQ(Fs[1].Rule, RuleId::MissingRelease);
  EXPECT_EQ(Fs[1].Message, "thread 'Thread-1' ends while still holding Lock "
                           "(created at cooks.cpp:5)");
  ASSERT_EQ(Fs[1].Notes.size(), 1u);
  EXPECT_EQ(Fs[1].Notes[0].Loc, (Location{"/src/cooks.cpp", 30, 3}));

  // Store them in the trace and read them back.
  for (const Finding &F : Fs)
    report::writeFinding(*W, F, 2, 0);
  W->close();
  ASSERT_TRUE(trace::readTrace(Path, T, Error)) << Error;
  std::vector<Finding> Back = report::findingsInTrace(T);
  ASSERT_EQ(Back.size(), Fs.size());
  for (size_t I = 0; I < Fs.size(); ++I) {
    EXPECT_EQ(Back[I].Rule, Fs[I].Rule);
    EXPECT_EQ(Back[I].Sev, Fs[I].Sev);
    EXPECT_EQ(Back[I].Message, Fs[I].Message);
    EXPECT_EQ(Back[I].Loc, Fs[I].Loc);
    EXPECT_EQ(Back[I].Origin, "runtime");
    ASSERT_EQ(Back[I].Notes.size(), Fs[I].Notes.size());
    for (size_t J = 0; J < Fs[I].Notes.size(); ++J) {
      EXPECT_EQ(Back[I].Notes[J].Loc, Fs[I].Notes[J].Loc);
      EXPECT_EQ(Back[I].Notes[J].Message, Fs[I].Notes[J].Message);
    }
  }
  // The offline check of the same file still gives the same answer.
  EXPECT_EQ(checkTrace(T).size(), 2u);
}

TEST(CheckTrace, FindingCutOffByDamageIsDropped) {
  test::TempDir D;
  std::string Path = D.file("f.weft");
  std::string Error;
  auto W = trace::TraceWriter::create(Path, trace::HeaderInfo{}, Error);
  ASSERT_TRUE(W) << Error;
  Finding F = report::makeFinding(RuleId::Deadlock, "stuck",
                                  Location{"a.cpp", 1, 2}, "runtime");
  F.Notes.push_back({Location{"a.cpp", 3, 0}, "here"});
  report::writeFinding(*W, F, 1, 0);
  report::writeFinding(*W, F, 1, 0);
  W->close();
  std::string Bytes = test::readFile(Path);
  // Cut the check record close() appended and the last End.
  Bytes.resize(Bytes.size() - 2 * sizeof(trace::Record));
  test::writeFile(Path, Bytes);
  trace::Trace T;
  ASSERT_TRUE(trace::readTrace(Path, T, Error)) << Error;
  EXPECT_FALSE(T.Damage.empty());
  std::vector<Finding> Back = report::findingsInTrace(T);
  ASSERT_EQ(Back.size(), 1u);
  EXPECT_EQ(Back[0].Message, "stuck");
  EXPECT_EQ(Back[0].Notes.size(), 1u);
}
