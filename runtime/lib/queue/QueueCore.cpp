//===- runtime/lib/queue/QueueCore.cpp - the state behind queue.Queue & co ------===//
#include "queue/QueueCore.h"

#include "core/Actor.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "weft/errors.h"
#include "weft/queue.h"

#include <cmath>
#include <mutex>

namespace weft::core {

using trace::EventKind;

#ifdef WEFT_TSAN_ENABLED
#define WEFT_QUEUE_CELL(Ring, N) (&(Ring)[(N) % Cells])
#else
#define WEFT_QUEUE_CELL(Ring, N) (nullptr)
#endif

QueueCore::QueueCore(trace::ObjectType Type, long MaxSize,
                     std::string_view Name, const std::source_location &Loc)
    : MaxSize(MaxSize > 0 ? MaxSize : 0) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Id = R.Rec.newObject(Type, R.Rec.site(Loc), Name);
}

std::optional<int64_t> QueueCore::deadline(bool Block,
                                           std::optional<double> Timeout) {
  if (!Block || !Timeout)
    return std::nullopt;
  if (std::isnan(*Timeout))
    throw ValueError("Invalid value NaN (not a number)");
  if (*Timeout < 0)
    throw ValueError("'timeout' must be a non-negative number");
  return kernel().deadlineAfter(*Timeout);
}

void QueueCore::put(bool Block, std::optional<double> Timeout,
                    const std::source_location &Loc, StoreFn Store,
                    void *Ctx) {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::optional<int64_t> Deadline = deadline(Block, Timeout);
  Runtime &R = runtime();
  Actor &Me = self();
  uint32_t Site = R.Rec.site(Loc);
  std::unique_lock<InternalMutex> G(Mu);
  while (MaxSize > 0 && Count >= MaxSize) {
    if (!Block || (Deadline && kernel().now() >= *Deadline))
      throw queue::Full();
    NotFull.wait(G, Me, Id, Site, Deadline);
  }
  uint64_t Tag = Puts;
  if (MaxSize > 0 && Tag >= uint64_t(MaxSize))
    WEFT_TSAN_ACQUIRE(WEFT_QUEUE_CELL(SlotCells, Tag - uint64_t(MaxSize)));
  // A release: recorded before the item becomes visible.
  R.Rec.sync(EventKind::QueuePut, 0, Me.Id, Id, Site);
  WEFT_TSAN_RELEASE(WEFT_QUEUE_CELL(ItemCells, Tag));
  Store(Ctx, Tag); // may throw (the item's move): nothing changed yet
  ++Puts;
  ++Count;
  ++Unfinished;
  Actor *W = NotEmpty.grantOne(Id);
  G.unlock();
  WaitQueue::unpark(W);
}

void QueueCore::get(bool Block, std::optional<double> Timeout,
                    const std::source_location &Loc, TakeFn Take, void *Ctx) {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::optional<int64_t> Deadline = deadline(Block, Timeout);
  Runtime &R = runtime();
  Actor &Me = self();
  uint32_t Site = R.Rec.site(Loc);
  std::unique_lock<InternalMutex> G(Mu);
  while (Count == 0) {
    if (!Block || (Deadline && kernel().now() >= *Deadline))
      throw queue::Empty();
    NotEmpty.wait(G, Me, Id, Site, Deadline);
  }
  uint64_t Tag = Take(Ctx);
  uint64_t Index = Gets++;
  --Count;
  WEFT_TSAN_ACQUIRE(WEFT_QUEUE_CELL(ItemCells, Tag));
  if (MaxSize > 0)
    WEFT_TSAN_RELEASE(WEFT_QUEUE_CELL(SlotCells, Index));
  (void)Tag;
  (void)Index;
  // An acquire: recorded once the item is ours.
  R.Rec.sync(EventKind::QueueGot, 0, Me.Id, Id, Site);
  Actor *W = MaxSize > 0 ? NotFull.grantOne(Id) : nullptr;
  G.unlock();
  WaitQueue::unpark(W);
}

void QueueCore::taskDone(const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Actor &Me = self();
  uint32_t Site = R.Rec.site(Loc);
  std::unique_lock<InternalMutex> G(Mu);
  if (Unfinished == 0) {
    // Python leaves the count at 0 and raises; the Checker reports it.
    R.Rec.sync(EventKind::TaskDone, 1, Me.Id, Id, Site);
    throw ValueError("task_done() called too many times");
  }
  R.Rec.sync(EventKind::TaskDone, 0, Me.Id, Id, Site);
  WEFT_TSAN_RELEASE(&Unfinished);
  std::vector<Actor *> Ws;
  if (--Unfinished == 0)
    Ws = AllDone.grantAll(Id);
  G.unlock();
  WaitQueue::unpark(Ws);
}

void QueueCore::join(const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Actor &Me = self();
  uint32_t Site = R.Rec.site(Loc);
  std::unique_lock<InternalMutex> G(Mu);
  while (Unfinished != 0)
    AllDone.wait(G, Me, Id, Site, std::nullopt);
  WEFT_TSAN_ACQUIRE(&Unfinished);
  R.Rec.sync(EventKind::QueueJoined, 0, Me.Id, Id, Site);
}

long QueueCore::qsize() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return Count;
}

bool QueueCore::full() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return MaxSize > 0 && Count >= MaxSize;
}

bool QueueCore::busy() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return !NotEmpty.empty() || !NotFull.empty() || !AllDone.empty();
}

} // namespace weft::core
