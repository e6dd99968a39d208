//===- tests/unit/LockOrderGraphTest.cpp - lock-order cycle search --------===//
#include "detect/LockOrderGraph.h"

#include <gtest/gtest.h>

using namespace weft::detect;
using Cycle = std::vector<LockKey>;

namespace {
LockEdgeInfo info(std::set<LockKey> AlsoHeld = {}) {
  LockEdgeInfo I;
  I.Actor = "thread 'T'";
  I.AlsoHeld = std::move(AlsoHeld);
  return I;
}
} // namespace

TEST(LockOrderGraph, AddEdge) {
  LockOrderGraph G;
  EXPECT_TRUE(G.addEdge(1, 2, info()));
  EXPECT_FALSE(G.addEdge(1, 2, info())) << "not new";
  EXPECT_FALSE(G.addEdge(3, 3, info())) << "no self edges";
  EXPECT_TRUE(G.hasEdge(1, 2));
  EXPECT_FALSE(G.hasEdge(2, 1));
  EXPECT_EQ(G.numEdges(), 1u);
  ASSERT_NE(G.edge(1, 2), nullptr);
  EXPECT_EQ(G.edge(1, 2)->Actor, "thread 'T'");
  EXPECT_EQ(G.edge(2, 1), nullptr);
}

TEST(LockOrderGraph, TwoCycle) {
  LockOrderGraph G;
  G.addEdge(1, 2, info());
  EXPECT_FALSE(G.cycleThrough(1, 2));
  G.addEdge(2, 1, info());
  auto C = G.cycleThrough(2, 1);
  ASSERT_TRUE(C);
  EXPECT_EQ(*C, (Cycle{2, 1}));
  EXPECT_EQ(G.cycles(), (std::vector<Cycle>{{1, 2}}));
}

TEST(LockOrderGraph, ThreeCycleShortestPath) {
  LockOrderGraph G;
  G.addEdge(1, 2, info());
  G.addEdge(2, 3, info());
  G.addEdge(3, 1, info());
  auto C = G.cycleThrough(3, 1);
  ASSERT_TRUE(C);
  EXPECT_EQ(*C, (Cycle{3, 1, 2}));
  EXPECT_EQ(G.cycles(), (std::vector<Cycle>{{1, 2, 3}}));
  // A shortcut makes a shorter cycle through 3 -> 1.
  G.addEdge(1, 3, info());
  EXPECT_EQ(*G.cycleThrough(3, 1), (Cycle{3, 1}));
  EXPECT_EQ(G.cycles(), (std::vector<Cycle>{{1, 2, 3}, {1, 3}}));
}

TEST(LockOrderGraph, LongCycleBeyondTsanLimit) {
  LockOrderGraph G;
  constexpr LockKey N = 25; // TSan's detector stops at 20
  for (LockKey K = 0; K < N; ++K)
    G.addEdge(100 + K, 100 + (K + 1) % N, info());
  auto C = G.cycleThrough(100 + N - 1, 100);
  ASSERT_TRUE(C);
  EXPECT_EQ(C->size(), N);
  auto All = G.cycles();
  ASSERT_EQ(All.size(), 1u);
  ASSERT_EQ(All[0].size(), N);
  for (LockKey K = 0; K < N; ++K)
    EXPECT_EQ(All[0][K], 100 + K);
}

TEST(LockOrderGraph, DagHasNoCycle) {
  LockOrderGraph G;
  G.addEdge(1, 2, info());
  G.addEdge(1, 3, info());
  G.addEdge(2, 4, info());
  G.addEdge(3, 4, info());
  G.addEdge(4, 5, info());
  for (const auto &[A, Succ] : G.edges())
    for (const auto &[B, I] : Succ)
      EXPECT_FALSE(G.cycleThrough(A, B)) << A << "->" << B;
  EXPECT_TRUE(G.cycles().empty());
  EXPECT_FALSE(G.cycleThrough(7, 8)) << "no such edge";
}

TEST(LockOrderGraph, GateLockSuppresses) {
  // Both orders of 1 and 2 are taken only while holding 9: they cannot
  // deadlock.
  LockOrderGraph G;
  G.addEdge(9, 1, info());
  G.addEdge(9, 2, info());
  G.addEdge(1, 2, info({9}));
  G.addEdge(2, 1, info({9}));
  EXPECT_TRUE(G.gateLocked({1, 2}));
  EXPECT_FALSE(G.cycleThrough(2, 1));
  EXPECT_TRUE(G.cycles().empty());
}

TEST(LockOrderGraph, GateMustGuardEveryEdge) {
  LockOrderGraph G;
  G.addEdge(1, 2, info({9}));
  G.addEdge(2, 1, info({8}));
  EXPECT_FALSE(G.gateLocked({1, 2}));
  EXPECT_TRUE(G.cycleThrough(2, 1));
  EXPECT_EQ(G.cycles().size(), 1u);
}

TEST(LockOrderGraph, GateLostWhenEdgeTakenWithoutIt) {
  LockOrderGraph G;
  G.addEdge(1, 2, info({9}));
  G.addEdge(2, 1, info({9}));
  EXPECT_FALSE(G.cycleThrough(2, 1));
  EXPECT_FALSE(G.addEdge(1, 2, info())) << "same edge, now without the gate";
  EXPECT_TRUE(G.edge(1, 2)->AlsoHeld.empty());
  EXPECT_TRUE(G.cycleThrough(2, 1));
}

TEST(LockOrderGraph, UngatedAlternativeIsFound) {
  // 1 -> 2 -> 1 is gated by 9; 1 -> 2 -> 3 -> 1 is not.
  LockOrderGraph G;
  G.addEdge(1, 2, info({9}));
  G.addEdge(2, 1, info({9}));
  G.addEdge(2, 3, info());
  G.addEdge(3, 1, info());
  auto C = G.cycleThrough(1, 2);
  ASSERT_TRUE(C);
  EXPECT_EQ(*C, (Cycle{1, 2, 3}));
  EXPECT_EQ(G.cycles(), (std::vector<Cycle>{{1, 2, 3}}));
}

TEST(LockOrderGraph, CompleteGraphCyclesAndLimit) {
  // K4 has 20 elementary cycles: 6 of length 2, 8 of length 3, 6 of 4.
  LockOrderGraph G;
  for (LockKey A = 1; A <= 4; ++A)
    for (LockKey B = 1; B <= 4; ++B)
      if (A != B)
        G.addEdge(A, B, info());
  auto All = G.cycles();
  EXPECT_EQ(All.size(), 20u);
  std::set<Cycle> Unique(All.begin(), All.end());
  EXPECT_EQ(Unique.size(), All.size()) << "each cycle once";
  for (const Cycle &C : All)
    EXPECT_EQ(*std::min_element(C.begin(), C.end()), C.front())
        << "rotated to the smallest key";
  EXPECT_EQ(G.cycles(), All) << "deterministic";
  auto Some = G.cycles(5);
  ASSERT_EQ(Some.size(), 5u);
  EXPECT_TRUE(std::equal(Some.begin(), Some.end(), All.begin()));
  EXPECT_TRUE(G.cycles(0).empty());
}
