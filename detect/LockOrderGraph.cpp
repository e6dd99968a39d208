//===- detect/LockOrderGraph.cpp - "held A while acquiring B" graph -------===//
//
// cycleThrough answers the online question "did this new edge close a
// cycle?" with a breadth-first search for the shortest way back. cycles()
// answers the offline question "which cycles are there?" with Johnson's
// algorithm (1975), which lists every elementary cycle once, in time
// O((V + E) * (C + 1)) for C cycles: unlike TSan's detector it has no
// bound on the cycle length, only on the number of cycles listed.
//
//===----------------------------------------------------------------------===//
#include "detect/LockOrderGraph.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>

namespace weft::detect {

bool LockOrderGraph::addEdge(LockKey A, LockKey B, LockEdgeInfo Info) {
  if (A == B)
    return false;
  auto &Succ = Out[A];
  auto It = Succ.find(B);
  if (It != Succ.end()) {
    // The first info explains the edge; but a gate lock protects the edge
    // only if it was held every time the edge was taken.
    std::set<LockKey> Common;
    std::set_intersection(It->second.AlsoHeld.begin(),
                          It->second.AlsoHeld.end(), Info.AlsoHeld.begin(),
                          Info.AlsoHeld.end(),
                          std::inserter(Common, Common.begin()));
    It->second.AlsoHeld = std::move(Common);
    // Another actor, or another part of the start/join order, taking it.
    LockEdgeInfo &Known = It->second;
    for (EdgeInstance &I : Info.Instances) {
      bool Seen = false;
      for (const EdgeInstance &K : Known.Instances)
        Seen = Seen || (K.Actor == I.Actor && (K.Stamp == I.Stamp ||
                                               *K.Stamp == *I.Stamp));
      if (Seen || Known.Capped)
        continue;
      if (Known.Instances.size() == LockEdgeInfo::MaxInstances)
        Known.Capped = true;
      else
        Known.Instances.push_back(std::move(I));
    }
    return false;
  }
  Succ.emplace(B, std::move(Info));
  return true;
}

bool LockOrderGraph::hasEdge(LockKey A, LockKey B) const {
  return edge(A, B) != nullptr;
}

const LockEdgeInfo *LockOrderGraph::edge(LockKey A, LockKey B) const {
  auto It = Out.find(A);
  if (It == Out.end())
    return nullptr;
  auto Jt = It->second.find(B);
  return Jt == It->second.end() ? nullptr : &Jt->second;
}

size_t LockOrderGraph::numEdges() const {
  size_t N = 0;
  for (const auto &[From, Succ] : Out)
    N += Succ.size();
  return N;
}

bool LockOrderGraph::gateLocked(const std::vector<LockKey> &Cycle) const {
  if (Cycle.size() < 2)
    return false;
  std::optional<std::set<LockKey>> Common;
  for (size_t I = 0; I < Cycle.size(); ++I) {
    const LockEdgeInfo *E = edge(Cycle[I], Cycle[(I + 1) % Cycle.size()]);
    if (!E)
      return false;
    if (!Common) {
      Common = E->AlsoHeld;
    } else {
      std::set<LockKey> Next;
      std::set_intersection(Common->begin(), Common->end(), E->AlsoHeld.begin(),
                            E->AlsoHeld.end(),
                            std::inserter(Next, Next.begin()));
      Common = std::move(Next);
    }
    if (Common->empty())
      return false;
  }
  for (LockKey K : Cycle)
    Common->erase(K);
  return !Common->empty();
}

bool LockOrderGraph::threadOrdered(const std::vector<LockKey> &Cycle) const {
  std::vector<const LockEdgeInfo *> Edges;
  for (size_t I = 0; I < Cycle.size(); ++I) {
    const LockEdgeInfo *E = edge(Cycle[I], Cycle[(I + 1) % Cycle.size()]);
    if (!E || E->Instances.empty() || E->Capped)
      return false; // nothing known about who took it: keep the cycle
    Edges.push_back(E);
  }
  // Backtracking: one instance per edge, actors distinct, stamps pairwise
  // concurrent. Bounded; an undecided search keeps the cycle.
  size_t Budget = 100000;
  std::vector<const EdgeInstance *> Chosen;
  std::function<bool(size_t)> Pick = [&](size_t K) -> bool {
    if (K == Edges.size())
      return true;
    for (const EdgeInstance &I : Edges[K]->Instances) {
      if (Budget == 0)
        return true;
      --Budget;
      bool Fits = true;
      for (const EdgeInstance *C : Chosen)
        Fits = Fits && C->Actor != I.Actor &&
               ThreadOrder::concurrent(C->Stamp, I.Stamp);
      if (!Fits)
        continue;
      Chosen.push_back(&I);
      if (Pick(K + 1))
        return true;
      Chosen.pop_back();
    }
    return false;
  };
  return !Pick(0);
}

std::optional<std::vector<LockKey>>
LockOrderGraph::cycleThrough(LockKey A, LockKey B) const {
  if (!hasEdge(A, B))
    return std::nullopt;
  auto Succs = [&](LockKey N) -> const std::map<LockKey, LockEdgeInfo> * {
    auto It = Out.find(N);
    return It == Out.end() ? nullptr : &It->second;
  };

  // Shortest path B ~> A first: the cycle a person can read most easily.
  std::map<LockKey, LockKey> Parent{{B, B}};
  std::deque<LockKey> Queue{B};
  bool Found = (B == A);
  while (!Queue.empty() && !Found) {
    LockKey N = Queue.front();
    Queue.pop_front();
    if (const auto *S = Succs(N))
      for (const auto &[M, Info] : *S) {
        if (Parent.count(M))
          continue;
        Parent[M] = N;
        if (M == A) {
          Found = true;
          break;
        }
        Queue.push_back(M);
      }
  }
  if (!Found)
    return std::nullopt;
  std::vector<LockKey> Path; // A, ..., B backwards
  for (LockKey N = A; N != B; N = Parent[N])
    Path.push_back(N);
  Path.push_back(B);
  std::reverse(Path.begin(), Path.end()); // B ... A
  std::vector<LockKey> Cycle{A};
  Cycle.insert(Cycle.end(), Path.begin(), Path.end() - 1); // A, B, ..., X
  if (!infeasible(Cycle))
    return Cycle;

  // The shortest cycle cannot deadlock (a gate lock, or its edges cannot
  // overlap); look (boundedly) for another simple path B ~> A whose cycle
  // can.
  size_t Budget = 100000;
  std::vector<LockKey> Stack{A, B};
  std::set<LockKey> OnStack{A, B};
  std::optional<std::vector<LockKey>> Result;
  std::function<bool(LockKey)> Dfs = [&](LockKey N) -> bool {
    if (Budget == 0)
      return true;
    --Budget;
    const auto *S = Succs(N);
    if (!S)
      return false;
    for (const auto &[M, Info] : *S) {
      if (M == A) {
        if (!infeasible(Stack)) {
          Result = Stack;
          return true;
        }
        continue;
      }
      if (OnStack.count(M))
        continue;
      Stack.push_back(M);
      OnStack.insert(M);
      bool Stop = Dfs(M);
      Stack.pop_back();
      OnStack.erase(M);
      if (Stop)
        return true;
    }
    return false;
  };
  Dfs(B);
  return Result;
}

std::vector<std::vector<LockKey>> LockOrderGraph::cycles(size_t Limit) const {
  std::vector<std::vector<LockKey>> Result;
  if (Limit == 0)
    return Result;

  // Dense numbering in key order: cycles then come out rotated to their
  // smallest key, starting vertices in increasing key order.
  std::vector<LockKey> Keys;
  for (const auto &[From, Succ] : Out) {
    Keys.push_back(From);
    for (const auto &[To, Info] : Succ)
      Keys.push_back(To);
  }
  std::sort(Keys.begin(), Keys.end());
  Keys.erase(std::unique(Keys.begin(), Keys.end()), Keys.end());
  const size_t N = Keys.size();
  auto indexOf = [&](LockKey K) {
    return static_cast<size_t>(std::lower_bound(Keys.begin(), Keys.end(), K) -
                               Keys.begin());
  };
  std::vector<std::vector<size_t>> Adj(N);
  for (const auto &[From, Succ] : Out)
    for (const auto &[To, Info] : Succ)
      Adj[indexOf(From)].push_back(indexOf(To)); // sorted: map order

  // Tarjan's SCCs of the subgraph induced by vertices >= S.
  auto sccOf = [&](size_t S) {
    std::vector<int> Index(N, -1), Low(N, 0), Comp(N, -1);
    std::vector<bool> OnStk(N, false);
    std::vector<size_t> Stk;
    int Counter = 0, NumComp = 0;
    std::function<void(size_t)> Visit = [&](size_t V) {
      Index[V] = Low[V] = Counter++;
      Stk.push_back(V);
      OnStk[V] = true;
      for (size_t W : Adj[V]) {
        if (W < S)
          continue;
        if (Index[W] < 0) {
          Visit(W);
          Low[V] = std::min(Low[V], Low[W]);
        } else if (OnStk[W]) {
          Low[V] = std::min(Low[V], Index[W]);
        }
      }
      if (Low[V] == Index[V]) {
        size_t W;
        do {
          W = Stk.back();
          Stk.pop_back();
          OnStk[W] = false;
          Comp[W] = NumComp;
        } while (W != V);
        ++NumComp;
      }
    };
    Visit(S);
    std::vector<bool> In(N, false);
    for (size_t V = S; V < N; ++V)
      In[V] = Comp[V] >= 0 && Comp[V] == Comp[S];
    return In;
  };

  std::vector<bool> Blocked(N, false);
  std::vector<std::set<size_t>> B(N);
  std::vector<size_t> Path;
  bool Stop = false;

  std::function<void(size_t)> Unblock = [&](size_t U) {
    Blocked[U] = false;
    std::set<size_t> Waiting;
    Waiting.swap(B[U]);
    for (size_t W : Waiting)
      if (Blocked[W])
        Unblock(W);
  };

  for (size_t S = 0; S < N && !Stop; ++S) {
    std::vector<bool> In = sccOf(S);
    // A vertex alone in its SCC has no cycle (self-edges are not stored).
    size_t Size = std::count(In.begin(), In.end(), true);
    if (Size < 2)
      continue;
    for (size_t V = S; V < N; ++V) {
      Blocked[V] = false;
      B[V].clear();
    }
    std::function<bool(size_t)> Circuit = [&](size_t V) -> bool {
      bool Closed = false;
      Path.push_back(V);
      Blocked[V] = true;
      for (size_t W : Adj[V]) {
        if (Stop)
          break;
        if (!In[W])
          continue;
        if (W == S) {
          Closed = true;
          std::vector<LockKey> Cycle;
          for (size_t P : Path)
            Cycle.push_back(Keys[P]);
          if (!infeasible(Cycle)) {
            Result.push_back(std::move(Cycle));
            if (Result.size() >= Limit)
              Stop = true;
          }
        } else if (!Blocked[W] && Circuit(W)) {
          Closed = true;
        }
      }
      if (Closed) {
        Unblock(V);
      } else {
        for (size_t W : Adj[V])
          if (In[W])
            B[W].insert(V);
      }
      Path.pop_back();
      return Closed;
    };
    Circuit(S);
  }
  return Result;
}

} // namespace weft::detect
