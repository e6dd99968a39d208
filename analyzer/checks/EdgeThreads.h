//===- analyzer/checks/EdgeThreads.h - which threads can form an edge -----===//
//
// A lock-order cycle is a deadlock only if its edges can be formed by
// threads that run at the same time: one thread taking A then B, and later
// B then A, cannot deadlock with itself. Each edge is formed by the code
// of one function (OrderEdge::FunctionId); the *contexts* that can run
// that function are the thread entries whose calls reach it:
//   * each thread actor (its target, through every direct call),
//   * `main`,
//   * "unknown" for a function no entry reaches (a library's API, a
//     callback registered through a pointer): it may run on any thread,
//     several at once.
// Two (edge, context) pairs are concurrent when:
//   * either context is unknown;
//   * they are one actor that may run several instances at once
//     (SelfParallel);
//   * they are two different actors;
//   * one is main and the other an actor that main has not joined before
//     the edge: the function forming main's edge joins the actor's handle
//     before the edge's place, directly or through a call (source order
//     within that function, as for hand-offs).
// A deadlock on a cycle of N locks needs N threads, each holding one lock
// and waiting for the next (a thread waits for one lock at a time), all
// alive at once. So a cycle is reported only if each edge can be given a
// context, pairwise concurrent (a context used twice must be one that
// runs several instances at once, or unknown).
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_CHECKS_EDGETHREADS_H
#define WEFT_ANALYZER_CHECKS_EDGETHREADS_H

#include "analyzer/Facts.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace weft::analyzer {

class EdgeThreads {
public:
  explicit EdgeThreads(const ProgramFacts &Facts);
  /// Whether the edges of \p Cycle (Cycle[i] -> Cycle[i+1]) can be formed
  /// by pairwise concurrent threads, one edge each.
  bool feasible(const std::vector<LockKey> &Cycle) const;

private:
  static constexpr int Unknown = -1, Main = -2;
  /// The contexts (actor ids, Main, Unknown) that can run a function.
  const std::vector<int> &contexts(const std::string &Fn) const;
  bool together(int CA, const OrderEdge &A, int CB, const OrderEdge &B) const;
  /// Whether \p Fn joins \p Handle (itself or through its calls).
  bool joins(const std::string &Fn, const std::string &Handle) const;
  /// Whether the main-context edge \p E comes after a join of \p Actor.
  bool joinedBefore(const OrderEdge &E, int Actor) const;

  const ProgramFacts &Facts;
  std::map<std::pair<LockKey, LockKey>, std::vector<const OrderEdge *>> ByPair;
  std::map<std::string, std::vector<int>> Runs;
  std::vector<int> UnknownOnly{Unknown};
  mutable std::map<std::pair<std::string, std::string>, bool> JoinMemo;
  /// Beyond this many choices tried, a cycle is taken as feasible.
  static constexpr size_t MaxTries = 20000;
};

} // namespace weft::analyzer

#endif
