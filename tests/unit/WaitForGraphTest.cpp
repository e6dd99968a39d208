//===- tests/unit/WaitForGraphTest.cpp - deadlock cycles of waits ---------===//
#include "detect/WaitForGraph.h"

#include <gtest/gtest.h>

using namespace weft::detect;
using weft::report::Location;

namespace {
Location at(unsigned Line) { return Location{"w.cpp", Line, 0}; }
} // namespace

TEST(WaitForGraph, TwoActorDeadlock) {
  WaitForGraph G;
  G.hold(1, 10, at(1));
  G.hold(2, 20, at(2));
  G.wait(1, 20, at(3), false);
  EXPECT_FALSE(G.cycleFrom(1)) << "2 can still run";
  G.wait(2, 10, at(4), false);
  auto C = G.cycleFrom(2);
  ASSERT_TRUE(C);
  ASSERT_EQ(C->size(), 2u);
  EXPECT_EQ((*C)[0].Actor, 2u);
  EXPECT_EQ((*C)[0].Resource, 10u);
  EXPECT_EQ((*C)[0].WaitAt, at(4));
  EXPECT_EQ((*C)[0].Holder, 1u);
  EXPECT_EQ((*C)[0].HeldAt, at(1));
  EXPECT_EQ((*C)[1].Actor, 1u);
  EXPECT_EQ((*C)[1].Resource, 20u);
  EXPECT_EQ((*C)[1].Holder, 2u);
  EXPECT_TRUE(G.cycleFrom(1)) << "the cycle is seen from every member";
}

TEST(WaitForGraph, SelfCycle) {
  WaitForGraph G;
  G.hold(1, 10, at(1));
  G.wait(1, 10, at(2), false);
  auto C = G.cycleFrom(1);
  ASSERT_TRUE(C);
  ASSERT_EQ(C->size(), 1u);
  EXPECT_EQ((*C)[0].Holder, 1u);
}

TEST(WaitForGraph, TimedWaitNeverDeadlocks) {
  WaitForGraph G;
  G.hold(1, 10, at(1));
  G.hold(2, 20, at(2));
  G.wait(1, 20, at(3), false);
  G.wait(2, 10, at(4), /*Timed=*/true);
  EXPECT_FALSE(G.cycleFrom(2));
  EXPECT_FALSE(G.cycleFrom(1));
}

TEST(WaitForGraph, ChainWithoutCycle) {
  WaitForGraph G;
  G.hold(1, 10, at(1));
  G.hold(2, 20, at(2));
  G.wait(2, 10, at(3), false);
  G.wait(3, 20, at(4), false);
  EXPECT_FALSE(G.cycleFrom(3));
  EXPECT_FALSE(G.cycleFrom(2));
  EXPECT_FALSE(G.cycleFrom(1)) << "not waiting";
}

TEST(WaitForGraph, CycleNotThroughTheWaiter) {
  // 3 waits on a deadlocked pair but is not part of the cycle.
  WaitForGraph G;
  G.hold(1, 10, at(1));
  G.hold(2, 20, at(2));
  G.wait(1, 20, at(3), false);
  G.wait(2, 10, at(4), false);
  G.wait(3, 10, at(5), false);
  EXPECT_FALSE(G.cycleFrom(3));
}

TEST(WaitForGraph, StopWaitingAndRelease) {
  WaitForGraph G;
  G.hold(1, 10, at(1));
  G.hold(1, 10, at(9)); // recursive: two releases needed
  EXPECT_EQ(G.heldBy(1).size(), 1u);
  EXPECT_EQ(G.heldBy(1)[0].second, at(1)) << "first acquire site kept";
  G.release(1, 10);
  EXPECT_EQ(G.holder(10), 1u);
  G.release(1, 10);
  EXPECT_FALSE(G.holder(10));

  G.hold(1, 10, at(1));
  G.wait(2, 10, at(2), false);
  EXPECT_TRUE(G.isWaiting(2));
  G.stopWaiting(2);
  EXPECT_FALSE(G.isWaiting(2));
  G.release(3, 10); // a plain Lock may be released by anyone
  EXPECT_FALSE(G.holder(10));
}
