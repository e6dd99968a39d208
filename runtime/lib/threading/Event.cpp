//===- runtime/lib/threading/Event.cpp - threading.Event ----------------------------===//
#include "threading/Event.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
#include "weft/threading.h"

#include <cmath>
#include <mutex>

namespace weft::core {

using trace::EventKind;

EventCore::EventCore(std::string_view Name, const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Id = R.Rec.newObject(trace::ObjectType::Event, R.Rec.site(Loc), Name);
}

void EventCore::set(const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Actor &Me = self();
  const uint32_t Site = R.Rec.site(Loc);
  std::vector<Actor *> Woken;
  {
    std::lock_guard<InternalMutex> G(Mu);
    R.Rec.sync(EventKind::EventSet, 0, Me.Id, Id, Site); // before (release)
    WEFT_TSAN_RELEASE(this);
    Flag = true;
    Woken = Q.grantAll(Id);
  }
  WaitQueue::unpark(Woken);
}

void EventCore::clear(const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Actor &Me = self();
  const uint32_t Site = R.Rec.site(Loc);
  std::lock_guard<InternalMutex> G(Mu);
  R.Rec.sync(EventKind::EventClear, 0, Me.Id, Id, Site);
  Flag = false;
}

bool EventCore::isSet() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  bool Set;
  {
    std::lock_guard<InternalMutex> G(Mu);
    Set = Flag;
  }
  if (Set)
    WEFT_TSAN_ACQUIRE(const_cast<EventCore *>(this));
  return Set;
}

bool EventCore::wait(std::optional<double> Timeout,
                     const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (Timeout && std::isnan(*Timeout))
    throw ValueError("Invalid value NaN (not a number)");
  Runtime &R = runtime();
  Actor &Me = self();
  const uint32_t Site = R.Rec.site(Loc);
  std::unique_lock<InternalMutex> G(Mu);
  bool Signaled = Flag;
  // Python: a timeout <= 0 does not block.
  if (!Signaled && (!Timeout || *Timeout > 0)) {
    std::optional<int64_t> Deadline;
    if (Timeout)
      Deadline = kernel().deadlineAfter(*Timeout);
    Signaled = Q.wait(G, Me, Id, Site, Deadline) == WaitQueue::Granted;
  }
  R.Rec.sync(EventKind::EventWaited, Signaled ? 1 : 0, Me.Id, Id, Site);
  G.unlock();
  if (Signaled)
    WEFT_TSAN_ACQUIRE(this);
  return Signaled;
}

bool EventCore::busy() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return !Q.empty();
}

} // namespace weft::core

namespace weft::threading {

Event::Event(SourceLoc Loc)
    : Core(std::make_unique<core::EventCore>("", Loc)) {}
Event::Event(std::string Name, SourceLoc Loc)
    : Core(std::make_unique<core::EventCore>(Name, Loc)) {}
Event::~Event() {
  if (Core && Core->busy())
    (void)Core.release(); // waited on at exit: keep it for the waiters
}
void Event::set(SourceLoc Loc) { Core->set(Loc); }
void Event::clear(SourceLoc Loc) { Core->clear(Loc); }
bool Event::is_set() const { return Core->isSet(); }
bool Event::wait(std::optional<double> Timeout, SourceLoc Loc) {
  return Core->wait(Timeout, Loc);
}

} // namespace weft::threading
