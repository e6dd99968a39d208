//===- detect/WaitForGraph.h - who waits for what, who holds it ----------===//
//
// Actors wait for resources (a lock, another actor's end; a queue, event...
// later); resources are held by actors. A cycle actor -> resource -> holder
// -> ... of untimed waits is a deadlock: nobody in it can ever run again.
// An actor is stuck when its untimed wait cannot be satisfied now: the lock
// is held (by anyone, an ended actor included) or the joined actor is alive.
//
// Threading: not thread-safe; callers serialize.
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_WAITFORGRAPH_H
#define WEFT_DETECT_WAITFORGRAPH_H

#include "report/Finding.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
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
  bool Join = false;         // a join: Resource == Holder == the joined actor
  /// A wait with no holder (queue, event, condition, semaphore...): the
  /// actor is parked until another actor wakes it. Holder is 0.
  bool Parked = false;
};

class WaitForGraph {
public:
  /// \p A now holds \p R (counted: recursive holds need as many releases).
  void hold(ActorKey A, ResourceKey R, report::Location At);
  /// One release of \p R by \p A (or, for a plain Lock, by anyone).
  void release(ActorKey A, ResourceKey R);
  /// \p A starts waiting for \p R. Timed waits never form deadlocks.
  void wait(ActorKey A, ResourceKey R, report::Location At, bool Timed);
  /// \p A is parked on \p Object (a primitive without owners) until some
  /// actor wakes it.
  void park(ActorKey A, ResourceKey Object, report::Location At, bool Timed);
  /// \p A starts waiting for actor \p Target to end (join).
  void waitForEnd(ActorKey A, ActorKey Target, report::Location At, bool Timed);
  /// \p A is no longer waiting (it got the resource, gave up, or timed out).
  void stopWaiting(ActorKey A);
  /// \p A has ended: its own wait goes, and joins of A are satisfied. The
  /// locks it still holds stay held.
  void ended(ActorKey A);
  bool hasEnded(ActorKey A) const { return Ended.count(A) != 0; }

  /// True if \p A is in an untimed wait that nothing can satisfy now.
  bool stuck(ActorKey A) const;
  /// \p A's current wait as a step (holder and HeldAt empty if the lock is
  /// free), or nullopt if A is not waiting.
  std::optional<WaitStep> waitOf(ActorKey A) const;

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
    bool Join;
    bool Parked = false;
  };
  std::map<ResourceKey, Hold> Holds;
  std::map<ActorKey, Wait> Waits;
  std::set<ActorKey> Ended;
};

} // namespace weft::detect

#endif
