//===- runtime/lib/core/WaitQueue.cpp - how owner-less primitives block --------===//
#include "core/WaitQueue.h"

#include "core/Actor.h"
#include "core/Kernel.h"
#include "core/Runtime.h"

namespace weft::core {

using trace::EventKind;

void WaitQueue::push(Waiter &W) {
  if (Tail)
    Tail->Next = &W;
  else
    Head = &W;
  Tail = &W;
  ++Count;
}

void WaitQueue::remove(Waiter &W) {
  Waiter *Prev = nullptr;
  for (Waiter *I = Head; I; Prev = I, I = I->Next) {
    if (I != &W)
      continue;
    (Prev ? Prev->Next : Head) = I->Next;
    if (Tail == I)
      Tail = Prev;
    --Count;
    return;
  }
}

WaitQueue::Waiter *WaitQueue::pop() {
  Waiter *W = Head;
  if (!W)
    return nullptr;
  Head = W->Next;
  if (!Head)
    Tail = nullptr;
  --Count;
  return W;
}

void WaitQueue::recordWake(Waiter &W, uint32_t Object) {
  uint8_t Flags = W.Reason == Aborted ? trace::WakeAborted : trace::WakeGranted;
  runtime().Rec.sync(EventKind::WaitWake, Flags, W.Who->Id, Object, 0);
}

WaitQueue::Result WaitQueue::wait(std::unique_lock<InternalMutex> &G,
                                  Actor &Me, uint32_t Object, uint32_t Site,
                                  std::optional<int64_t> DeadlineNs) {
  Kernel &K = kernel();
  Waiter W;
  W.Who = &Me;
  push(W);
  runtime().Rec.sync(EventKind::WaitBlock,
                     trace::LockBlocking | (DeadlineNs ? trace::LockTimed : 0),
                     Me.Id, Object, Site);
  for (;;) {
    if (W.Done)
      return W.Reason;
    if (DeadlineNs && K.now() >= *DeadlineNs) {
      remove(W);
      runtime().Rec.sync(EventKind::WaitWake, trace::WakeTimedOut, Me.Id,
                         Object, 0);
      return TimedOut;
    }
    G.unlock();
    K.park(Me, DeadlineNs);
    G.lock();
  }
}

Actor *WaitQueue::grantOne(uint32_t Object) {
  Waiter *W = pop();
  if (!W)
    return nullptr;
  W->Reason = Granted;
  recordWake(*W, Object);
  Actor *Who = W->Who;
  W->Done = true; // W may vanish once the mutex is released
  return Who;
}

std::vector<Actor *> WaitQueue::grantAll(uint32_t Object, Result Reason) {
  std::vector<Actor *> Out;
  while (Waiter *W = pop()) {
    W->Reason = Reason;
    recordWake(*W, Object);
    Out.push_back(W->Who);
    W->Done = true;
  }
  return Out;
}

void WaitQueue::unpark(Actor *A) {
  if (A)
    kernel().unpark(*A);
}

void WaitQueue::unpark(const std::vector<Actor *> &As) {
  for (Actor *A : As)
    kernel().unpark(*A);
}

} // namespace weft::core
