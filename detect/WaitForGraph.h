//===- detect/WaitForGraph.h - who waits for what, who holds it ----------===//
//
// Actors wait for resources (a lock, another actor's end; a queue, event...
// later); resources are held by actors. A cycle actor -> resource -> holder
// -> ... of untimed waits is a deadlock: nobody in it can ever run again.
// An actor is stuck when its untimed wait cannot be satisfied now: the lock
// is held (by anyone, an ended actor included) or the joined actor is alive.
//
// Sites are kept as ids (SiteId: a trace site id, resolved by the
// resolver the owner sets) on the hot path, and turned into Locations only
// when a WaitStep or heldBy() is built (the finding path). The Location
// overloads (unit tests) keep their Location in a side table.
// Entries are not erased when a hold or wait ends (a count of 0 / an
// inactive wait), so the common lock and wait events allocate nothing.
//
// Threading: not thread-safe; callers serialize.
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_WAITFORGRAPH_H
#define WEFT_DETECT_WAITFORGRAPH_H

#include "detect/IdMap.h"
#include "report/Finding.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace weft::detect {

using ActorKey = uint32_t;
using ResourceKey = uint32_t;

/// A site id of the event stream (resolved only when a step is built).
struct SiteId {
  uint32_t Id = 0;
};

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
  /// How SiteIds become Locations (called only when steps are built).
  using SiteResolver = std::function<report::Location(uint32_t)>;
  void setSiteResolver(SiteResolver R) { Resolve = std::move(R); }

  /// The same operations with site ids (the Checker's hot path).
  void hold(ActorKey A, ResourceKey R, SiteId At);
  void wait(ActorKey A, ResourceKey R, SiteId At, bool Timed);
  void park(ActorKey A, ResourceKey Object, SiteId At, bool Timed);
  void waitForEnd(ActorKey A, ActorKey Target, SiteId At, bool Timed);

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
  bool hasEnded(ActorKey A) const { return Ended.contains(A); }

  /// True if \p A is in an untimed wait that nothing can satisfy now.
  bool stuck(ActorKey A) const;
  /// \p A's current wait as a step (holder and HeldAt empty if the lock is
  /// free), or nullopt if A is not waiting.
  std::optional<WaitStep> waitOf(ActorKey A) const;

  /// The deadlock cycle that \p A's current wait closes, starting with A.
  std::optional<std::vector<WaitStep>> cycleFrom(ActorKey A) const;

  std::optional<ActorKey> holder(ResourceKey R) const;
  bool isWaiting(ActorKey A) const { return activeWait(A) != nullptr; }
  /// Resources \p A holds, with where each was (first) acquired.
  std::vector<std::pair<ResourceKey, report::Location>>
  heldBy(ActorKey A) const;

private:
  /// A site: an id of the stream, or (Own) an index into OwnLocs.
  struct SiteRef {
    uint32_t Id = 0;
    bool Own = false;
  };
  struct Hold {
    ActorKey Actor;
    unsigned Count; // 0: not held (the entry is kept for reuse)
    SiteRef At;
  };
  struct Wait {
    ResourceKey Resource;
    SiteRef At;
    bool Timed;
    bool Join;
    bool Parked = false;
    bool Active = true; // false: the wait ended (the entry is kept)
  };
  SiteRef own(report::Location At);
  report::Location location(SiteRef S) const;
  void setWait(ActorKey A, const Wait &W);
  const Wait *activeWait(ActorKey A) const;
  const Hold *activeHold(ResourceKey R) const;
  WaitStep stepOf(ActorKey A, const Wait &W) const;

  IdMap<Hold> Holds;
  IdMap<Wait> Waits;
  IdMap<bool> Ended;
  /// Joined actor -> actors that started joining it (entries may be stale:
  /// ended() checks the waiter still waits; keeps ended() from scanning
  /// every actor that ever waited).
  std::multimap<ActorKey, ActorKey> JoinersOf;
  std::vector<report::Location> OwnLocs;
  SiteResolver Resolve;
};

} // namespace weft::detect

#endif
