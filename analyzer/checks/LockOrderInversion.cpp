//===- analyzer/checks/LockOrderInversion.cpp - lock-order-inversion ------===//
//
// Every "acquired B while holding A" of every function of every translation
// unit (directly, through calls, in threads started with arguments) is an
// edge of one detect::LockOrderGraph; each elementary cycle of it (any
// length; cycles protected by a common gate lock are skipped by the graph)
// is one finding (on dense graphs: only cycles that explain an edge no
// shorter cycle explained; a cycle through the same acquisition sites as
// one already reported, under other lock names, is not reported again).
// A cycle no two concurrent threads can close is not reported
// (EdgeThreads.h, plugged into the graph as its overlap filter). The
// graph's cycle search and filters are used: no second ones here.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"
#include "analyzer/checks/EdgeThreads.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace weft::analyzer {

static constexpr size_t MaxCycles = 2000;

static std::string lockList(const ProgramFacts &Facts,
                            const std::vector<LockKey> &Cycle) {
  std::string S;
  for (size_t I = 0; I < Cycle.size(); ++I) {
    if (I)
      S += I + 1 == Cycle.size() ? " and " : ", ";
    S += quoted(Facts, Cycle[I]);
  }
  return S;
}

void checkLockOrderInversion(const ProgramFacts &Facts,
                             std::vector<report::Finding> &Out) {
  // Insert edges in a fixed order so the info kept for an edge (the
  // graph keeps the first) does not depend on file order.
  std::vector<const OrderEdge *> Sorted;
  for (const OrderEdge &E : Facts.Edges)
    Sorted.push_back(&E);
  std::sort(Sorted.begin(), Sorted.end(),
            [](const OrderEdge *A, const OrderEdge *B) {
              if (!(A->Info.AcquiredAt == B->Info.AcquiredAt))
                return locLess(A->Info.AcquiredAt, B->Info.AcquiredAt);
              if (!(A->Info.HeldAt == B->Info.HeldAt))
                return locLess(A->Info.HeldAt, B->Info.HeldAt);
              return std::tie(A->From, A->To) < std::tie(B->From, B->To);
            });
  detect::LockOrderGraph G;
  for (const OrderEdge *E : Sorted)
    G.addEdge(E->From, E->To, E->Info);
  // A cycle only threads running at the same time can close
  // (EdgeThreads.h): not one thread alone, not main after joining. The
  // graph's cycle search applies it (its one thread-order filter).
  EdgeThreads Threads(Facts);
  G.setOverlap([&Threads](const std::vector<LockKey> &C) {
    return Threads.feasible(C);
  });

  // A dense graph has exponentially many elementary cycles. Shortest
  // first, and a cycle is reported only if it has an edge no reported
  // cycle has: every inverted edge is explained, findings stay few.
  std::vector<std::vector<LockKey>> Cycles = G.cycles(MaxCycles);
  std::sort(Cycles.begin(), Cycles.end(), [](const auto &A, const auto &B) {
    return A.size() != B.size() ? A.size() < B.size() : A < B;
  });
  std::set<std::pair<LockKey, LockKey>> Covered;
  // The same acquisitions in the source can form cycles under several
  // names: a method's per-class locks (`Bank::m1`) and the same locks
  // renamed into the object a caller passes (`b.m1`). One finding per set
  // of acquisition sites.
  using Sites = std::vector<std::pair<std::string, std::string>>;
  std::set<Sites> Reported;
  auto Where = [](const report::Location &L) {
    return L.File + ":" + std::to_string(L.Line) + ":" +
           std::to_string(L.Column);
  };
  for (std::vector<LockKey> Cycle : Cycles) {
    size_t N = Cycle.size();
    if (N < 2)
      continue;
    bool New = false;
    for (size_t I = 0; I < N; ++I)
      New |= Covered.insert({Cycle[I], Cycle[(I + 1) % N]}).second;
    if (!New)
      continue;
    Sites Key;
    for (size_t I = 0; I < N; ++I) {
      const detect::LockEdgeInfo *E = G.edge(Cycle[I], Cycle[(I + 1) % N]);
      Key.emplace_back(Where(E->HeldAt), Where(E->AcquiredAt));
    }
    std::sort(Key.begin(), Key.end());
    if (!Reported.insert(std::move(Key)).second)
      continue;
    // Start at the edge acquired first in the source: stable and readable.
    size_t Best = 0;
    for (size_t I = 1; I < N; ++I)
      if (locLess(G.edge(Cycle[I], Cycle[(I + 1) % N])->AcquiredAt,
                  G.edge(Cycle[Best], Cycle[(Best + 1) % N])->AcquiredAt))
        Best = I;
    std::rotate(Cycle.begin(), Cycle.begin() + Best, Cycle.end());

    std::string Msg = "lock-order inversion (potential deadlock): " +
                      lockList(Facts, Cycle) +
                      (N == 2 ? " are acquired in opposite orders"
                              : " are acquired in a cyclic order");
    const detect::LockEdgeInfo *First = G.edge(Cycle[0], Cycle[1]);
    report::Finding F = report::makeFinding(
        report::RuleId::LockOrderInversion, Msg, First->AcquiredAt, "static");
    for (size_t I = 0; I < N; ++I) {
      LockKey A = Cycle[I], B = Cycle[(I + 1) % N];
      const detect::LockEdgeInfo *E = G.edge(A, B);
      F.Notes.push_back({E->AcquiredAt, quoted(Facts, B) +
                                            " acquired here while holding " +
                                            quoted(Facts, A)});
      for (const report::Related &V : E->Via)
        F.Notes.push_back(V);
      F.Notes.push_back({E->HeldAt, quoted(Facts, A) + " acquired here"});
      F.Flow.push_back({E->HeldAt, quoted(Facts, A) + " acquired"});
      F.Flow.push_back({E->AcquiredAt, quoted(Facts, B) +
                                           " acquired while holding " +
                                           quoted(Facts, A)});
    }
    Out.push_back(std::move(F));
  }
}

} // namespace weft::analyzer
