//===- runtime/lib/threading/Barrier.cpp - threading.Barrier ------------------------===//
#include "threading/Barrier.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
#include "weft/threading.h"

#include <cmath>

namespace weft::core {

using trace::EventKind;

namespace {
int checkedParties(int Parties) {
  if (Parties < 1)
    throw ValueError("parties must be >= 1");
  return Parties;
}
} // namespace

BarrierCore::BarrierCore(int Parties, std::function<void()> Action,
                         std::optional<double> Timeout,
                         const std::source_location &Loc)
    : Parties(checkedParties(Parties)), Action(std::move(Action)),
      DefaultTimeout(Timeout) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  Id = R.Rec.newObject(trace::ObjectType::Barrier, R.Rec.site(Loc), "");
}

template <class Pred>
bool BarrierCore::waitUntil(Guard &G, Actor &Me, uint32_t Site,
                            std::optional<int64_t> Deadline, Pred Ready) {
  while (!Ready())
    if (Q.wait(G, Me, Id, Site, Deadline) == WaitQueue::TimedOut)
      return Ready();
  return true;
}

void BarrierCore::waitForAction(Guard &G, Actor &Me, uint32_t Site) {
  waitUntil(G, Me, Site, std::nullopt,
            [&] { return InAction == nullptr || InAction == &Me; });
}

void BarrierCore::breakLocked(std::vector<Actor *> &Woken) {
  St = State::Broken;
  std::vector<Actor *> More = Q.grantAll(Id, WaitQueue::Aborted);
  Woken.insert(Woken.end(), More.begin(), More.end());
}

int BarrierCore::wait(std::optional<double> Timeout,
                      const std::source_location &Loc) {
  // No WEFT_TSAN_IGNORE_ACCESSES here: the action is user code.
  Arrival A = arrive(Timeout, Loc);
  if (A.RunAction) {
    try {
      Action(); // Python runs it holding the barrier's lock
    } catch (...) {
      actionFailed(A);
      throw;
    }
  }
  return pass(A);
}

BarrierCore::Arrival BarrierCore::arrive(std::optional<double> Timeout,
                                         const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (!Timeout)
    Timeout = DefaultTimeout;
  if (Timeout && std::isnan(*Timeout))
    throw ValueError("Invalid value NaN (not a number)");
  Runtime &R = runtime();
  Arrival A{self(), R.Rec.site(Loc), 0, Timeout, false};
  Guard G(Mu);
  // _enter: wait while the previous cycle drains or resets.
  waitUntil(G, A.Me, A.Site, std::nullopt, [&] {
    return !InAction && St != State::Draining && St != State::Resetting;
  });
  if (St == State::Broken) {
    R.Rec.sync(EventKind::BarrierPassed, 1, A.Me.Id, Id, A.Site);
    throw BrokenBarrierError("");
  }
  A.Index = Count;
  R.Rec.sync(EventKind::BarrierWait, 0, A.Me.Id, Id, A.Site); // a release
  WEFT_TSAN_RELEASE(this);
  ++Count;
  if (A.Index + 1 == Parties) {
    // Until pass() the others wait as if Python's lock were still held.
    InAction = &A.Me;
    A.RunAction = static_cast<bool>(Action);
  }
  return A;
}

void BarrierCore::actionFailed(Arrival &A) {
  WEFT_TSAN_IGNORE_ACCESSES();
  // Python's _release: an action that raises breaks the barrier.
  std::vector<Actor *> Woken;
  {
    Guard G(Mu);
    InAction = nullptr;
    breakLocked(Woken);
    --Count;
    runtime().Rec.sync(EventKind::BarrierPassed, 1, A.Me.Id, Id, A.Site);
  }
  WaitQueue::unpark(Woken);
}

int BarrierCore::pass(Arrival &A) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = runtime();
  std::vector<Actor *> Woken;
  Guard G(Mu);
  bool Broken = false;
  if (A.Index + 1 == Parties) {
    // _release: the last arriver lets everyone pass.
    InAction = nullptr;
    if (St == State::Filling) {
      St = State::Draining;
    } else {
      Broken = true; // broken or reset from inside the action
    }
    Woken = Q.grantAll(Id);
  } else {
    // _wait: until the state leaves filling; a timeout breaks the barrier.
    std::optional<int64_t> Deadline;
    if (A.Timeout)
      Deadline = kernel().deadlineAfter(*A.Timeout);
    if (!waitUntil(G, A.Me, A.Site, Deadline,
                   [&] { return St != State::Filling; })) {
      breakLocked(Woken);
      Broken = true;
    } else if (St == State::Broken || St == State::Resetting) {
      Broken = true;
    }
  }
  // _exit: the last one out ends the draining or resetting.
  --Count;
  if (Count == 0 && (St == State::Draining || St == State::Resetting)) {
    St = State::Filling;
    std::vector<Actor *> More = Q.grantAll(Id);
    Woken.insert(Woken.end(), More.begin(), More.end());
  }
  R.Rec.sync(EventKind::BarrierPassed, Broken ? 1 : 0, A.Me.Id, Id, A.Site);
  G.unlock();
  WaitQueue::unpark(Woken);
  if (Broken)
    throw BrokenBarrierError("");
  WEFT_TSAN_ACQUIRE(this);
  return A.Index;
}

void BarrierCore::reset(const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Actor &Me = self();
  const uint32_t Site = runtime().Rec.site(Loc);
  std::vector<Actor *> Woken;
  {
    Guard G(Mu);
    waitForAction(G, Me, Site);
    if (Count > 0) {
      if (St == State::Filling || St == State::Broken)
        St = State::Resetting; // the waiters leave with BrokenBarrierError
    } else {
      St = State::Filling;
    }
    Woken = Q.grantAll(Id, St == State::Resetting ? WaitQueue::Aborted
                                                  : WaitQueue::Granted);
  }
  WaitQueue::unpark(Woken);
}

void BarrierCore::abort(const std::source_location &Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Actor &Me = self();
  const uint32_t Site = runtime().Rec.site(Loc);
  std::vector<Actor *> Woken;
  {
    Guard G(Mu);
    waitForAction(G, Me, Site);
    breakLocked(Woken);
  }
  WaitQueue::unpark(Woken);
}

int BarrierCore::nWaiting() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return St == State::Filling ? Count : 0;
}

bool BarrierCore::broken() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return St == State::Broken;
}

bool BarrierCore::busy() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<InternalMutex> G(Mu);
  return Count > 0 || !Q.empty();
}

} // namespace weft::core

namespace weft::threading {

Barrier::Barrier(int Parties, std::function<void()> Action,
                 std::optional<double> Timeout, SourceLoc Loc)
    : Core(std::make_unique<core::BarrierCore>(Parties, std::move(Action),
                                               Timeout, Loc)) {}
Barrier::~Barrier() {
  if (Core && Core->busy())
    (void)Core.release(); // waited on at exit: keep it for the waiters
}
int Barrier::wait(std::optional<double> Timeout, SourceLoc Loc) {
  return Core->wait(Timeout, Loc);
}
void Barrier::reset(SourceLoc Loc) { Core->reset(Loc); }
void Barrier::abort(SourceLoc Loc) { Core->abort(Loc); }
int Barrier::parties() const { return Core->parties(); }
int Barrier::n_waiting() const { return Core->nWaiting(); }
bool Barrier::broken() const { return Core->broken(); }

} // namespace weft::threading
