//===- runtime/lib/threading/Condition.cpp - threading.Condition --------------------===//
#include "threading/Condition.h"

#include "core/Kernel.h"
#include "threading/LockCore.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
#include "weft/threading.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace weft::core {

using trace::EventKind;

ConditionCore::ConditionCore(LockCore &L, const std::source_location &Loc)
    : ConditionCore(Loc) {
  this->L = &L;
}

ConditionCore::ConditionCore(const std::source_location &Loc,
                             std::string_view Name)
    : L(nullptr) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Id = R.Rec.newObject(trace::ObjectType::Condition, R.Rec.site(Loc), Name);
}

bool ConditionCore::wait(std::optional<double> Timeout,
                         const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (Timeout && std::isnan(*Timeout))
    throw ValueError("Invalid value NaN (not a number)");
  const unsigned Depth = L->depthHeldBy(self());
  if (Depth == 0)
    throw RuntimeError("cannot wait on un-acquired lock");
  // Python: a timeout <= 0 only tries (the lock is still released once).
  const bool TryOnly = Timeout && !(*Timeout > 0);
  std::optional<int64_t> Deadline;
  if (Timeout && !TryOnly)
    Deadline = kernel().deadlineAfter(*Timeout);
  return waitReleasing(*L, Depth, TryOnly, Deadline, Loc);
}

bool ConditionCore::waitOn(LockCore &Lk, std::optional<int64_t> DeadlineNs,
                           const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  const unsigned Depth = Lk.depthHeldBy(self());
  if (Depth == 0)
    throw RuntimeError("cannot wait on un-acquired lock");
  return waitReleasing(Lk, Depth, false, DeadlineNs, Loc);
}

bool ConditionCore::waitReleasing(LockCore &Lk, unsigned Depth, bool TryOnly,
                                  std::optional<int64_t> Deadline,
                                  const std::source_location &Loc) {
  Runtime &R = runtime();
  Actor &Me = self();
  const uint32_t Site = R.Rec.site(Loc);
  WaitQueue::Result Res = WaitQueue::TimedOut;
  {
    std::unique_lock<InternalMutex> G(Mu);
    R.Rec.sync(EventKind::CondWait, 0, Me.Id, Id, Site);
    // Released under Mu: a notifier needs the lock and then Mu, so it
    // cannot notify before this waiter is in the queue.
    for (unsigned I = 0; I < Depth; ++I)
      Lk.release(Loc);
    if (!TryOnly)
      Res = Q.wait(G, Me, Id, Site, Deadline);
  }
  if (Res == WaitQueue::Granted)
    WEFT_TSAN_ACQUIRE(this);
  for (unsigned I = 0; I < Depth; ++I)
    Lk.acquire(true, -1, Loc);
  return Res == WaitQueue::Granted;
}

void ConditionCore::notify(int N, bool All, const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Actor &Me = self();
  if (L && L->depthHeldBy(Me) == 0)
    throw RuntimeError("cannot notify on un-acquired lock");
  const uint32_t Site = R.Rec.site(Loc);
  std::vector<Actor *> Woken;
  {
    std::lock_guard<InternalMutex> G(Mu);
    size_t Count = All ? Q.size()
                       : std::min(Q.size(), static_cast<size_t>(std::max(N, 0)));
    uint8_t Flags = All ? 255 : static_cast<uint8_t>(std::min<size_t>(Count, 254));
    // Recorded before anyone wakes (a release).
    R.Rec.sync(EventKind::CondNotify, Flags, Me.Id, Id, Site);
    WEFT_TSAN_RELEASE(this);
    if (All)
      Woken = Q.grantAll(Id);
    else
      for (size_t I = 0; I < Count; ++I)
        Woken.push_back(Q.grantOne(Id));
  }
  WaitQueue::unpark(Woken);
}

bool ConditionCore::busy() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return !Q.empty();
}

} // namespace weft::core

namespace weft::threading {

Condition::Condition(SourceLoc Loc)
    : Own(std::make_unique<RLock>(Loc)),
      Core(std::make_unique<core::ConditionCore>(Own->core(), Loc)) {}
Condition::Condition(Lock &L, SourceLoc Loc)
    : Core(std::make_unique<core::ConditionCore>(L.core(), Loc)) {}
Condition::Condition(RLock &L, SourceLoc Loc)
    : Core(std::make_unique<core::ConditionCore>(L.core(), Loc)) {}

Condition::~Condition() {
  // Waited on at exit (a daemon thread): keep the state for the waiters.
  if (Core && Core->busy()) {
    (void)Core.release();
    (void)Own.release();
  }
}

bool Condition::acquire(bool Blocking, double Timeout, SourceLoc Loc) {
  return Core->lock().acquire(Blocking, Timeout, Loc);
}
void Condition::release(SourceLoc Loc) { Core->lock().release(Loc); }
bool Condition::wait(std::optional<double> Timeout, SourceLoc Loc) {
  return Core->wait(Timeout, Loc);
}
void Condition::notify(int N, SourceLoc Loc) { Core->notify(N, false, Loc); }
void Condition::notify_all(SourceLoc Loc) { Core->notify(0, true, Loc); }

} // namespace weft::threading
