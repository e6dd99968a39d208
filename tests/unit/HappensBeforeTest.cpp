//===- tests/unit/HappensBeforeTest.cpp - edges of hand-built traces ------===//
#include "detect/HappensBefore.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace weft;
using trace::Event;
using trace::EventKind;
using trace::ObjectType;

namespace {

struct Builder {
  trace::Trace T;
  void add(EventKind K, uint16_t Actor, uint32_t Object, uint8_t Flags = 0) {
    Event E{};
    E.Kind = K;
    E.Actor = Actor;
    E.Object = Object;
    E.Flags = Flags;
    E.Index = E.Seq = T.Events.size();
    T.Events.push_back(E);
  }
  void object(uint32_t Id, ObjectType Type) { T.Objects[Id].Type = Type; }
  /// "from->to label" for every edge.
  std::vector<std::string> edges() const {
    std::vector<std::string> R;
    for (const detect::HbEdge &E : detect::happensBeforeEdges(T))
      R.push_back(std::to_string(E.From) + "->" + std::to_string(E.To) + " " +
                  std::string(E.Label));
    return R;
  }
};

using V = std::vector<std::string>;

TEST(HappensBefore, LockReleaseToNextAcquireOfAnotherActor) {
  Builder B;
  B.object(7, ObjectType::Lock);
  B.add(EventKind::LockAcquired, 1, 7); // 0
  B.add(EventKind::LockReleased, 1, 7); // 1
  B.add(EventKind::LockAcquired, 1, 7); // 2: same actor: program order
  B.add(EventKind::LockReleased, 1, 7); // 3
  B.add(EventKind::LockAcquired, 2, 7); // 4: receives 3, not 1
  B.add(EventKind::LockAcquired, 2, 8); // 5: another lock: nothing
  EXPECT_EQ(B.edges(), (V{"3->4 release -> acquire"}));
}

TEST(HappensBefore, StartAndJoin) {
  Builder B;
  B.add(EventKind::ThreadStart, 1, 2); // 0: main starts actor 2
  B.add(EventKind::ThreadBegin, 2, 1); // 1
  B.add(EventKind::ThreadEnd, 2, 0);   // 2
  B.add(EventKind::ThreadJoin, 1, 2, 1); // 3: timed out: nothing received
  B.add(EventKind::ThreadJoin, 1, 2);  // 4
  EXPECT_EQ(B.edges(), (V{"0->1 start", "2->4 end -> join"}));
}

TEST(HappensBefore, QueueItemsFifoLifoAndPriority) {
  for (ObjectType Type :
       {ObjectType::Queue, ObjectType::LifoQueue, ObjectType::PriorityQueue}) {
    Builder B;
    B.object(5, Type);
    B.add(EventKind::QueuePut, 1, 5); // 0
    B.add(EventKind::QueuePut, 2, 5); // 1
    B.add(EventKind::QueueGot, 3, 5); // 2
    B.add(EventKind::QueueGot, 3, 5); // 3
    if (Type == ObjectType::LifoQueue)
      EXPECT_EQ(B.edges(), (V{"1->2 put -> get", "0->3 put -> get"}));
    else
      EXPECT_EQ(B.edges(), (V{"0->2 put -> get", "1->3 put -> get"}));
  }
}

TEST(HappensBefore, GetOfOwnItemIsProgramOrder) {
  Builder B;
  B.object(5, ObjectType::Queue);
  B.add(EventKind::QueuePut, 1, 5); // 0
  B.add(EventKind::QueuePut, 2, 5); // 1
  B.add(EventKind::QueueGot, 1, 5); // 2: its own item 0: no arrow
  B.add(EventKind::QueueGot, 1, 5); // 3: item 1
  EXPECT_EQ(B.edges(), (V{"1->3 put -> get"}));
}

TEST(HappensBefore, BarrierRoundsAndEvents) {
  Builder B;
  B.add(EventKind::BarrierWait, 1, 9);   // 0
  B.add(EventKind::BarrierWait, 2, 9);   // 1
  B.add(EventKind::BarrierPassed, 1, 9); // 2: from 1
  B.add(EventKind::BarrierPassed, 2, 9); // 3: from 0
  B.add(EventKind::BarrierWait, 1, 9);   // 4: a new round
  B.add(EventKind::BarrierWait, 2, 9);   // 5
  B.add(EventKind::BarrierPassed, 2, 9); // 6: from 4 only
  B.add(EventKind::EventSet, 1, 4);      // 7
  B.add(EventKind::EventWaited, 2, 4, 0); // 8: timed out unset: nothing
  B.add(EventKind::EventWaited, 2, 4, 1); // 9
  EXPECT_EQ(B.edges(), (V{"1->2 arrive -> pass", "0->3 arrive -> pass",
                          "4->6 arrive -> pass", "7->9 set -> wait"}));
}

TEST(HappensBefore, FuturesAndConditions) {
  Builder B;
  B.add(EventKind::FutureSubmit, 1, 3); // 0
  B.add(EventKind::FutureStart, 2, 3);  // 1
  B.add(EventKind::FutureDone, 2, 3);   // 2
  B.add(EventKind::FutureResult, 1, 3); // 3
  B.add(EventKind::CondNotify, 1, 6);   // 4
  B.add(EventKind::WaitWake, 2, 6, trace::WakeTimedOut); // 5: not notified
  B.add(EventKind::WaitWake, 3, 6, trace::WakeGranted);  // 6
  EXPECT_EQ(B.edges(), (V{"0->1 submit -> start", "2->3 done -> result",
                          "4->6 notify -> wake"}));
}

} // namespace
