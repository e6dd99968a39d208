//===- detect/WaitForGraph.h - who waits for what, who holds it ----------===//
//
// Actors wait for resources (a lock today; a queue, event, join... later);
// resources are held by actors. A cycle actor -> resource -> holder -> ...
// of untimed waits is a deadlock: nobody in it can ever run again.
//
// Threading: not thread-safe; callers serialize.
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_WAITFORGRAPH_H
#define WEFT_DETECT_WAITFORGRAPH_H

#include "report/Finding.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace weft::detect {

using ActorKey = uint32_t;
using ResourceKey = uint32_t;

struct WaitStep {
  ActorKey Actor;            // this actor ...
  ResourceKey Resource;      // ... waits for this resource ...
  report::Location WaitAt;   // ... here;
  ActorKey Holder;           // the resource is held by this actor,
  report::Location HeldAt;   // who acquired it here.
};

class WaitForGraph {
public:
  /// \p A now holds \p R (counted: recursive holds need as many releases).
  void hold(ActorKey A, ResourceKey R, report::Location At);
  /// One release of \p R by \p A (or, for a plain Lock, by anyone).
  void release(ActorKey A, ResourceKey R);
  /// \p A starts waiting for \p R. Timed waits never form deadlocks.
  void wait(ActorKey A, ResourceKey R, report::Location At, bool Timed);
  /// \p A is no longer waiting (it got the resource, gave up, or timed out).
  void stopWaiting(ActorKey A);

  /// The deadlock cycle that \p A's current wait closes, starting with A.
  std::optional<std::vector<WaitStep>> cycleFrom(ActorKey A) const;

  std::optional<ActorKey> holder(ResourceKey R) const;
  bool isWaiting(ActorKey A) const { return Waits.count(A) != 0; }
  /// Resources \p A holds, with where each was (first) acquired.
  std::vector<std::pair<ResourceKey, report::Location>>
  heldBy(ActorKey A) const;

private:
  struct Hold {
    ActorKey Actor;
    unsigned Count;
    report::Location At;
  };
  struct Wait {
    ResourceKey Resource;
    report::Location At;
    bool Timed;
  };
  std::map<ResourceKey, Hold> Holds;
  std::map<ActorKey, Wait> Waits;
};

} // namespace weft::detect

#endif
