//===- runtime/lib/asyncio/Event.cpp - asyncio.Event --------------------------===//
//
// Happens-before: a set happens before every wait it ends (EventSet ->
// EventWaited). A waiter is parked with WaitBlock; set() records each
// waiter's WaitWake and makes it ready.
//===----------------------------------------------------------------------===//
#include "asyncio/Loop.h"

#include "core/Actor.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>

namespace weft::asyncio {

using namespace detail;
using trace::EventKind;

namespace detail {
struct EventCore final : Waitable {
  uint32_t Id = 0;
  bool Set = false;
  std::vector<TaskState *> Waiters;
  void forget(TaskState &T) override { std::erase(Waiters, &T); }
};
} // namespace detail

Event::Event(std::string Name, SourceLoc Loc) : C(new EventCore()) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = rt();
  C->Id = R.Rec.newObject(trace::ObjectType::AsyncioEvent, R.Rec.site(Loc),
                          Name);
}

Event::~Event() = default;

void Event::set(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = rt();
  R.Rec.sync(EventKind::EventSet, 0, currentActor(), C->Id, siteOf(Loc));
  if (C->Set)
    return;
  C->Set = true;
  for (TaskState *W : std::exchange(C->Waiters, {})) {
    R.Rec.sync(EventKind::WaitWake, trace::WakeGranted, W->Actor->Id, C->Id,
               0);
    W->L->makeReady(*W);
  }
}

void Event::clear(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  rt().Rec.sync(EventKind::EventClear, 0, currentActor(), C->Id, siteOf(Loc));
  C->Set = false;
}

bool Event::is_set() const { return C->Set; }

bool Event::WaitAwaiter::await_ready() {
  if (!E.C->Set)
    return false;
  rt().Rec.sync(EventKind::EventWaited, 1, currentActor(), E.C->Id,
                siteOf(Loc));
  return true;
}

void Event::WaitAwaiter::await_suspend(std::coroutine_handle<> H) {
  WEFT_TSAN_IGNORE_ACCESSES();
  TaskState &T = currentTask("Event.wait");
  const uint32_t Site = siteOf(Loc);
  rt().Rec.sync(EventKind::WaitBlock, 0, T.Actor->Id, E.C->Id, Site);
  E.C->Waiters.push_back(&T);
  Suspended = true;
  suspend(H, E.C.get(), Site);
}

bool Event::WaitAwaiter::await_resume() {
  if (!Suspended)
    return true; // await_ready recorded it
  resumed();
  rt().Rec.sync(EventKind::EventWaited, 1, currentActor(), E.C->Id,
                siteOf(Loc));
  return true;
}

} // namespace weft::asyncio
