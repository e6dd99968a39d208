//===- detect/LockOrderGraph.h - "held A while acquiring B" graph ---------===//
//
// Nodes are lock keys (uint32_t: runtime object ids, or analyzer lock ids).
// An edge A -> B means some actor acquired B while holding A. A cycle means
// the locks can be taken in inconsistent orders: a potential deadlock.
//
// Used online by the runtime (through detect::Checker), offline on traces,
// and by the analyzer for its whole-program lock graph.
//
// Threading: not thread-safe; callers serialize. Complexity: addEdge is
// O(1) expected; cycleThrough is O(V + E); cycles() is Johnson-style
// enumeration of elementary cycles bounded by a limit.
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_LOCKORDERGRAPH_H
#define WEFT_DETECT_LOCKORDERGRAPH_H

#include "detect/ThreadOrder.h"
#include "report/Finding.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace weft::detect {

using LockKey = uint32_t;

/// One way an edge was taken at run time: by which actor, at which point
/// of the start/join order (ThreadOrder).
struct EdgeInstance {
  uint32_t Actor = 0;
  OrderStamp Stamp;
};

/// Why an edge exists: who took B while holding A, and where.
struct LockEdgeInfo {
  std::string Actor;              // "thread 'Thread-1'" / "function 'f'"
  report::Location HeldAt;        // where A was acquired
  report::Location AcquiredAt;    // where B was acquired
  std::vector<report::Related> Via; // call chain, outermost first (may be empty)
  /// Locks held besides A when B was taken. A cycle whose every edge shares
  /// a lock of this set (a "gate lock") cannot deadlock and is not reported.
  std::set<LockKey> AlsoHeld;
  /// The runtime's instances of the edge (distinct actor and stamp; the
  /// analyzer leaves this empty). A cycle needs one instance per edge from
  /// distinct actors that can overlap: a cycle whose edges cannot be taken
  /// that way (one thread, or parts of the run ordered by start/join) is not
  /// reported. More than MaxInstances: assumed to overlap (Capped).
  std::vector<EdgeInstance> Instances;
  bool Capped = false;
  static constexpr size_t MaxInstances = 32;
};

class LockOrderGraph {
public:
  /// Adds A -> B (A != B). Keeps the first info seen for an edge. Returns
  /// true if the edge is new.
  bool addEdge(LockKey A, LockKey B, LockEdgeInfo Info);
  bool hasEdge(LockKey A, LockKey B) const;
  const LockEdgeInfo *edge(LockKey A, LockKey B) const;

  /// A cycle through the edge A -> B if one exists (shortest path B ~> A
  /// closing it), as nodes [A, B, ..., ] so that consecutive nodes and
  /// last->first are edges. Infeasible cycles are skipped.
  std::optional<std::vector<LockKey>> cycleThrough(LockKey A, LockKey B) const;

  /// Elementary cycles of any length, each once, rotated so its smallest key
  /// comes first; in a deterministic order. Stops after \p Limit cycles.
  /// Infeasible cycles are skipped.
  std::vector<std::vector<LockKey>> cycles(size_t Limit = 10000) const;

  /// True if every edge of \p Cycle shares a common lock not in the cycle.
  bool gateLocked(const std::vector<LockKey> &Cycle) const;
  /// True if the edges of \p Cycle have run-time instances and no choice
  /// of one instance per edge has distinct actors whose stamps are pairwise
  /// concurrent (the cycle's acquisitions cannot overlap).
  bool threadOrdered(const std::vector<LockKey> &Cycle) const;

  /// Whether the edges of a cycle can be taken at once, by threads that run
  /// at the same time: the one thread-order filter of every cycle search.
  /// By default the run-time instances decide (!threadOrdered); the
  /// analyzer plugs in what it knows of the program's threads
  /// (analyzer/checks/EdgeThreads.h).
  using OverlapFn = std::function<bool(const std::vector<LockKey> &Cycle)>;
  void setOverlap(OverlapFn F) { Overlap = std::move(F); }

  /// A cycle that cannot deadlock: gate-locked, or its edges cannot overlap.
  bool infeasible(const std::vector<LockKey> &Cycle) const {
    return gateLocked(Cycle) ||
           (Overlap ? !Overlap(Cycle) : threadOrdered(Cycle));
  }

  size_t numEdges() const;
  const std::map<LockKey, std::map<LockKey, LockEdgeInfo>> &edges() const {
    return Out;
  }

private:
  std::map<LockKey, std::map<LockKey, LockEdgeInfo>> Out;
  OverlapFn Overlap;
};

} // namespace weft::detect

#endif
