//===- runtime/lib/queue/QueueCore.h - the state behind queue.Queue & co --------===//
//
// Happens-before: a put happens before the get that receives its item; with
// maxsize K, get i happens before put i+K; the last task_done happens before
// join returns.
//
// Python's queue.Queue is a deque, one mutex and three conditions
// (not_empty, not_full, all_tasks_done). QueueCore is the same with three
// core::WaitQueues under one InternalMutex, so every wait is a WaitBlock /
// WaitWake pair in the trace and part of the wait-for graph (an actor that
// waits forever on an empty queue nobody can fill is a deadlock). The items
// live in the template front end (weft/queue.h), which the core calls back
// under its mutex to store or take one; the core keeps the counts.
//
// Events (recorded under the mutex): QueuePut before the item goes in (a
// release), QueueGot after it came out (an acquire), TaskDone before the
// count drops (flags=1 and no change when it is one call too many),
// QueueJoined when join returns.
//
// TSan: each item carries a tag (its put number). The put releases, and the
// get that takes it acquires, a sync cell chosen by the tag; for a bounded
// queue get i releases, and put i+K acquires, a cell chosen by i. Cells are
// a ring of 256 bytes each, so two items 256 puts apart share a cell: that
// only adds edges (it can hide a race, never invent one).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_QUEUECORE_H
#define WEFT_RUNTIME_QUEUECORE_H

#include "core/Futex.h"
#include "tsan/TsanAnnotations.h"
#include "core/WaitQueue.h"
#include "trace/Record.h"

#include <cstdint>
#include <optional>
#include <source_location>
#include <string_view>

namespace weft::core {

class QueueCore {
public:
  using StoreFn = void (*)(void *Ctx, uint64_t Tag);
  using TakeFn = uint64_t (*)(void *Ctx);

  /// \p MaxSize <= 0: unbounded.
  QueueCore(trace::ObjectType Type, long MaxSize, std::string_view Name,
            const std::source_location &Loc);

  /// Python's put(item, block, timeout): waits for room, then calls
  /// \p Store under the mutex. Raises queue::Full, ValueError.
  void put(bool Block, std::optional<double> Timeout,
           const std::source_location &Loc, StoreFn Store, void *Ctx);
  /// Python's get(block, timeout): waits for an item, then calls \p Take
  /// under the mutex. Raises queue::Empty, ValueError.
  void get(bool Block, std::optional<double> Timeout,
           const std::source_location &Loc, TakeFn Take, void *Ctx);
  void taskDone(const std::source_location &Loc);
  void join(const std::source_location &Loc);

  long qsize() const;
  bool full() const;
  /// A thread waits on it: freeing it now would strand the waiter.
  bool busy() const;
  long maxSize() const { return MaxSize; }
  uint32_t id() const { return Id; }

private:
  /// The deadline of a blocking call with \p Timeout (validated), if any.
  static std::optional<int64_t> deadline(bool Block,
                                         std::optional<double> Timeout);

  const long MaxSize;
  uint32_t Id = 0;
  mutable InternalMutex Mu;
  long Count = 0;          // items in the container
  uint64_t Unfinished = 0; // puts not yet matched by task_done
  uint64_t Puts = 0, Gets = 0;
  WaitQueue NotEmpty, NotFull, AllDone;
#ifdef WEFT_TSAN_ENABLED
  static constexpr unsigned Cells = 256;
  char ItemCells[Cells];
  char SlotCells[Cells];
#endif
};

} // namespace weft::core

#endif
