//===- runtime/lib/threading/Semaphore.cpp - threading.Semaphore --------------------===//
#include "threading/Semaphore.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
#include "weft/threading.h"

#include <cmath>
#include <mutex>

namespace weft::core {

using trace::EventKind;

namespace {
int checkedValue(int Value) {
  if (Value < 0)
    throw ValueError("semaphore initial value must be >= 0");
  return Value;
}
} // namespace

SemaphoreCore::SemaphoreCore(bool Bounded, int Value, std::string_view Name,
                             const std::source_location &Loc)
    : Bounded(Bounded), Initial(checkedValue(Value)), Value(Value) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Id = R.Rec.newObject(Bounded ? trace::ObjectType::BoundedSemaphore
                               : trace::ObjectType::Semaphore,
                       R.Rec.site(Loc), Name);
}

bool SemaphoreCore::acquire(bool Blocking, std::optional<double> Timeout,
                            const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (Timeout && std::isnan(*Timeout))
    throw ValueError("Invalid value NaN (not a number)");
  const bool Forever = !Timeout || *Timeout == -1;
  if (!Blocking && !Forever)
    throw ValueError("can't specify timeout for non-blocking acquire");
  Runtime &R = runtime();
  Actor &Me = self();
  const uint32_t Site = R.Rec.site(Loc);

  std::unique_lock<InternalMutex> G(Mu);
  bool Got = false;
  if (Value > 0) {
    --Value;
    Got = true;
  } else if (Blocking && (Forever || *Timeout > 0)) {
    std::optional<int64_t> Deadline;
    if (!Forever)
      Deadline = kernel().deadlineAfter(*Timeout);
    // Granted: the releaser handed this waiter a unit.
    Got = Q.wait(G, Me, Id, Site, Deadline) == WaitQueue::Granted;
  }
  if (!Got)
    return false;
  R.Rec.sync(EventKind::SemAcquired, 0, Me.Id, Id, Site); // after (acquire)
  G.unlock();
  WEFT_TSAN_ACQUIRE(this);
  return true;
}

void SemaphoreCore::release(int N, const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (N < 1)
    throw ValueError("n must be one or more");
  Runtime &R = runtime();
  Actor &Me = self();
  const uint32_t Site = R.Rec.site(Loc);
  std::vector<Actor *> Woken;
  {
    std::lock_guard<InternalMutex> G(Mu);
    if (Bounded && Value + N > Initial)
      throw ValueError("Semaphore released too many times");
    // Recorded before the units change (a release).
    R.Rec.sync(EventKind::SemReleased, static_cast<uint8_t>(N > 255 ? 255 : N),
               Me.Id, Id, Site);
    WEFT_TSAN_RELEASE(this);
    Value += N;
    while (Value > 0 && !Q.empty()) {
      Woken.push_back(Q.grantOne(Id));
      --Value; // handed to that waiter
    }
  }
  WaitQueue::unpark(Woken);
}

bool SemaphoreCore::busy() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return !Q.empty();
}

} // namespace weft::core

namespace weft::threading {

Semaphore::Semaphore(int Value, SourceLoc Loc)
    : Semaphore(false, "", Value, Loc) {}
Semaphore::Semaphore(std::string Name, int Value, SourceLoc Loc)
    : Semaphore(false, std::move(Name), Value, Loc) {}
Semaphore::Semaphore(bool Bounded, std::string Name, int Value, SourceLoc Loc)
    : Core(std::make_unique<core::SemaphoreCore>(Bounded, Value, Name, Loc)) {}

Semaphore::~Semaphore() {
  if (Core && Core->busy())
    (void)Core.release(); // waited on at exit: keep it for the waiters
}

bool Semaphore::acquire(bool Blocking, std::optional<double> Timeout,
                        SourceLoc Loc) {
  return Core->acquire(Blocking, Timeout, Loc);
}
void Semaphore::release(int N, SourceLoc Loc) { Core->release(N, Loc); }

} // namespace weft::threading
