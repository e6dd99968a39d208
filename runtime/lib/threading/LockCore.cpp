//===- runtime/lib/threading/LockCore.cpp - the state behind Lock and RLock ---------===//
#include "threading/LockCore.h"

#include "core/Actor.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
#include "tsan/TsanReport.h"
#include "weft/errors.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace weft::core {

using trace::EventKind;

LockCore::LockCore(bool Recursive, std::string_view Name,
                   const std::source_location &Loc)
    : Recursive(Recursive) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Id = R.Rec.newObject(Recursive ? trace::ObjectType::RLock
                                 : trace::ObjectType::Lock,
                       R.Rec.site(Loc), Name);
  if (Recursive)
    WEFT_TSAN_MUTEX_CREATE(this, WEFT_TSAN_FLAG_REENTRANT);
}

LockCore::~LockCore() {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (Recursive)
    WEFT_TSAN_MUTEX_DESTROY(this);
}

void LockCore::enqueue(Waiter &W) {
  if (Tail)
    Tail->Next = &W;
  else
    Head = &W;
  Tail = &W;
}

void LockCore::dequeue(Waiter &W) {
  Waiter *Prev = nullptr;
  for (Waiter *I = Head; I; Prev = I, I = I->Next) {
    if (I != &W)
      continue;
    (Prev ? Prev->Next : Head) = I->Next;
    if (Tail == I)
      Tail = Prev;
    return;
  }
}

bool LockCore::acquire(bool Blocking, double Timeout,
                       const std::source_location &Loc) {
  return acquireImpl(Blocking, Timeout, false, Loc);
}

bool LockCore::tryAcquire(const std::source_location &Loc) {
  return acquireImpl(false, -1, true, Loc);
}

bool LockCore::acquireImpl(bool Blocking, double Timeout, bool Tried,
                           const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (std::isnan(Timeout))
    throw ValueError("Invalid value NaN (not a number)");
  if (!Blocking && Timeout != -1)
    throw ValueError("can't specify a timeout for a non-blocking call");
  if (Timeout < 0 && Timeout != -1)
    throw ValueError("timeout value must be a non-negative number");

  Runtime &R = runtime();
  Actor &Me = self();
  uint32_t Site = R.Rec.site(Loc);
  bool Timed = Blocking && Timeout >= 0;
  uint8_t ReqFlags = (Blocking ? trace::LockBlocking : 0) |
                     (Timed ? trace::LockTimed : 0);
  unsigned TsanFlags = Blocking ? 0u : WEFT_TSAN_FLAG_TRY_LOCK;
  if (Recursive)
    WEFT_TSAN_MUTEX_PRE_LOCK(this, TsanFlags);

  auto Acquired = [&]() {
    uint8_t Flags = Tried ? uint8_t(std::min(Depth, 127u) | trace::LockTried)
                          : uint8_t(Depth > 255 ? 255 : Depth);
    R.Rec.sync(EventKind::LockAcquired, Flags, Me.Id, Id, Site);
    tsanLockAcquired(Me.Id, Id); // a race report names it from now on
  };
  auto Done = [&](bool Ok) {
    if (Recursive)
      WEFT_TSAN_MUTEX_POST_LOCK(
          this, Ok ? TsanFlags : TsanFlags | WEFT_TSAN_FLAG_TRY_LOCK_FAILED,
          0);
    else if (Ok)
      WEFT_TSAN_ACQUIRE(this);
    return Ok;
  };

  std::unique_lock<InternalMutex> G(Mu);
  // May end the process: a blocking request that closes a wait-for cycle
  // is a deadlock (and one for a Lock we hold, a double acquire). A request
  // that finds the lock free (or an RLock re-entered by its owner) cannot
  // wait, so it is not recorded: LockAcquired alone says the same. Under
  // the controlled scheduler it still is, as the scheduling point before
  // the lock is taken.
  if ((Owner && !(Recursive && Owner == &Me)) || R.Rec.controlled())
    R.Rec.sync(EventKind::LockRequest, ReqFlags, Me.Id, Id, Site);
  if (Recursive && Owner == &Me) {
    ++Depth;
    Acquired();
    G.unlock();
    return Done(true);
  }
  if (!Owner) {
    Owner = &Me;
    Depth = 1;
    Acquired();
    G.unlock();
    return Done(true);
  }
  if (!Blocking || Timeout == 0) {
    R.Rec.sync(EventKind::LockFailed, 0, Me.Id, Id, Site);
    G.unlock();
    return Done(false);
  }

  std::optional<int64_t> Deadline;
  if (Timed)
    Deadline = kernel().deadlineAfter(Timeout);
  Waiter W{&Me};
  enqueue(W);
  for (;;) {
    G.unlock();
    Wake Why = kernel().park(Me, Deadline);
    G.lock();
    W.Woken = false;
    if (!Owner) {
      dequeue(W);
      Owner = &Me;
      Depth = 1;
      break;
    }
    if (Deadline && (Why == Wake::TimedOut || kernel().now() >= *Deadline)) {
      dequeue(W);
      R.Rec.sync(EventKind::LockFailed, 0, Me.Id, Id, Site);
      G.unlock();
      return Done(false);
    }
  }
  Acquired();
  G.unlock();
  return Done(true);
}

void LockCore::release(const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Actor &Me = self();
  uint32_t Site = R.Rec.site(Loc);
  std::unique_lock<InternalMutex> G(Mu);
  if (Recursive ? Owner != &Me : Owner == nullptr)
    throw RuntimeError(Recursive ? "cannot release un-acquired lock"
                                 : "release unlocked lock");
  if (Recursive)
    WEFT_TSAN_MUTEX_PRE_UNLOCK(this);
  else
    WEFT_TSAN_RELEASE(this);
  // Recorded before the state changes (a release).
  unsigned Remaining = Recursive ? Depth - 1 : 0;
  R.Rec.sync(EventKind::LockReleased,
             uint8_t(Remaining > 255 ? 255 : Remaining), Me.Id, Id, Site);
  if (Remaining == 0)
    tsanLockReleased(Owner->Id, Id); // Owner: a Lock may be released by anyone
  Actor *Next = nullptr;
  if (Recursive && --Depth > 0) {
    // Still held by the owner.
  } else {
    Owner = nullptr;
    Depth = 0;
    if (Head && !Head->Woken) {
      Head->Woken = true;
      Next = Head->Who; // the waiter may leave once the mutex is released
    }
  }
  G.unlock();
  if (Recursive)
    WEFT_TSAN_MUTEX_POST_UNLOCK(this);
  if (Next)
    kernel().unpark(*Next);
}

bool LockCore::locked() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return Owner != nullptr;
}

unsigned LockCore::depthHeldBy(const Actor &A) const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return Owner == &A ? Depth : 0;
}

bool LockCore::busy() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return Owner != nullptr || Head != nullptr;
}

} // namespace weft::core
