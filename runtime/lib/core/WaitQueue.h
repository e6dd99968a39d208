//===- runtime/lib/core/WaitQueue.h - how owner-less primitives block ----------===//
//
// Condition, Semaphore, Event, Barrier, Queue, Future... have no owner that
// a waiter waits for; a waiter is parked until another actor wakes it. They
// all block through a WaitQueue, which blocks only through the Kernel and
// records what the detectors need, under the primitive's own mutex:
//   - WaitBlock(waiter, object, site, timed?) right before it parks;
//   - WaitWake(waiter, object, reason) when a waker grants it (recorded by
//     the waker, still under the mutex) or when it times out (by itself).
// Recording both under the primitive's mutex keeps the trace's order the
// real one: a detector never sees a waiter parked after it was woken, so
// "every live actor is stuck" (a deadlock) is never claimed falsely.
//
// Usage (the primitive's InternalMutex Mu guards its state and the queue):
//   std::unique_lock G(Mu);
//   while (!ready())
//     if (Q.wait(G, Me, Id, Site, Deadline) != WaitQueue::Granted) ...;
//   ...
//   Actor *W = Q.grantOne(Id);     // under Mu
//   G.unlock();
//   WaitQueue::unpark(W);          // after Mu
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_WAITQUEUE_H
#define WEFT_RUNTIME_WAITQUEUE_H

#include "core/Futex.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace weft::core {

struct Actor;

class WaitQueue {
public:
  enum Result { Granted, TimedOut, Aborted };

  /// Parks \p Me (FIFO) until a grant, an abort, or \p DeadlineNs on the
  /// kernel's clock. \p G holds the primitive's mutex: it is released while
  /// parked and held again on return.
  Result wait(std::unique_lock<InternalMutex> &G, Actor &Me, uint32_t Object,
              uint32_t Site, std::optional<int64_t> DeadlineNs);

  /// Removes the first waiter, records its WaitWake and returns it for
  /// unpark() once the mutex is released; null if nobody waits.
  Actor *grantOne(uint32_t Object);
  /// The same for every waiter (\p Reason: Granted or Aborted).
  std::vector<Actor *> grantAll(uint32_t Object, Result Reason = Granted);

  bool empty() const { return Head == nullptr; }
  size_t size() const { return Count; }

  static void unpark(Actor *A);
  static void unpark(const std::vector<Actor *> &As);

private:
  struct Waiter {
    Actor *Who = nullptr;
    bool Done = false;
    Result Reason = Granted;
    Waiter *Next = nullptr;
  };
  void push(Waiter &W);
  void remove(Waiter &W);
  Waiter *pop();
  void recordWake(Waiter &W, uint32_t Object);

  Waiter *Head = nullptr, *Tail = nullptr;
  size_t Count = 0;
};

} // namespace weft::core

#endif
