//===- runtime/lib/queue/Queue.cpp - queue.Queue's non-template front end -------===//
//
// weft::queue::detail::QueueBase over core::QueueCore: everything of the
// queue module that does not depend on the item type.
//===----------------------------------------------------------------------===//
#include "weft/queue.h"

#include "queue/QueueCore.h"

namespace weft::queue::detail {

namespace {
trace::ObjectType objectType(Kind K) {
  switch (K) {
  case Kind::Fifo:
    return trace::ObjectType::Queue;
  case Kind::Lifo:
    return trace::ObjectType::LifoQueue;
  case Kind::Priority:
    return trace::ObjectType::PriorityQueue;
  }
  return trace::ObjectType::Queue;
}
} // namespace

QueueBase::QueueBase(Kind K, long MaxSize, std::string Name, SourceLoc Loc)
    : Core(std::make_unique<core::QueueCore>(objectType(K), MaxSize, Name,
                                             Loc)) {}

// A queue destroyed while a thread waits on it (a global queue at exit while
// a daemon thread still waits in get) keeps its core alive rather than
// stranding the waiter on freed memory, as Lock does. (The items go: the
// waiter can only be woken by a put, which needs the queue object.)
QueueBase::~QueueBase() {
  if (Core && Core->busy())
    (void)Core.release(); // deliberately leaked, see above
}

long QueueBase::qsize() const { return Core->qsize(); }
bool QueueBase::empty() const { return Core->qsize() == 0; }
bool QueueBase::full() const { return Core->full(); }
long QueueBase::maxsize() const { return Core->maxSize(); }
void QueueBase::task_done(SourceLoc Loc) { Core->taskDone(Loc); }
void QueueBase::join(SourceLoc Loc) { Core->join(Loc); }

void QueueBase::putItem(bool Block, std::optional<double> Timeout,
                        SourceLoc Loc, StoreFn Store, void *Ctx) {
  Core->put(Block, Timeout, Loc, Store, Ctx);
}

void QueueBase::getItem(bool Block, std::optional<double> Timeout,
                        SourceLoc Loc, TakeFn Take, void *Ctx) {
  Core->get(Block, Timeout, Loc, Take, Ctx);
}

} // namespace weft::queue::detail
