//===- runtime/lib/futures/Future.cpp - concurrent.futures.Future, wait, as_completed //
//
// Happens-before: see FutureCore.h. Every wait parks through a WaitQueue: a
// result() on the future's, a wait() / as_completed() on an Observer's
// (recorded with the first unfinished future as the object it waits for).
//===----------------------------------------------------------------------===//
#include "core/Stderr.h"
#include "futures/FutureCore.h"

#include "core/Actor.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <mutex>
#include <unistd.h>

namespace weft::core {

using futures::detail::StateBase;
using trace::EventKind;
using Callback = std::function<void(StateBase &)>;

namespace {

using core::writeStderr;

/// A deadline for Python's timeout argument (None: none; <= 0: now).
std::optional<int64_t> deadlineFor(std::optional<double> Timeout) {
  if (!Timeout)
    return std::nullopt;
  if (std::isnan(*Timeout))
    throw ValueError("Invalid value NaN (not a number)");
  return kernel().deadlineAfter(*Timeout);
}

} // namespace

void runCallbacks(StateBase &S, std::vector<Callback> &Fns) {
  for (Callback &Fn : Fns) {
    try {
      Fn(S);
    } catch (const weft::Error &E) {
      writeStderr(std::string("exception calling callback for Future:\n") +
                  E.pythonName() + ": " + E.what() + "\n");
    } catch (const std::exception &E) {
      writeStderr(std::string("exception calling callback for Future:\n") +
                  "Exception: " + E.what() + "\n");
    } catch (...) {
      writeStderr("exception calling callback for Future\n");
    }
  }
  Fns.clear();
}

// -- FutureCore -----------------------------------------------------------------

bool FutureCore::start(Actor &Me) {
  std::lock_guard<InternalMutex> G(Mu);
  if (P == Phase::Cancelled)
    return false;
  P = Phase::Running;
  runtime().Rec.sync(EventKind::FutureStart, 0, Me.Id, Id, 0);
  WEFT_TSAN_ACQUIRE(this); // the submit's release
  return true;
}

void FutureCore::completeLocked(std::unique_lock<InternalMutex> &G,
                                StateBase &Self, bool Raised) {
  std::vector<Actor *> Ws = Waiters.grantAll(Id);
  std::vector<std::shared_ptr<Observer>> Os = Observers;
  G.unlock();
  WaitQueue::unpark(Ws);
  for (const std::shared_ptr<Observer> &O : Os) {
    std::unique_lock<InternalMutex> OG(O->Mu);
    O->Completed.emplace_back(&Self, Raised);
    Actor *W = O->Q.grantOne(Id);
    OG.unlock();
    WaitQueue::unpark(W);
  }
}

std::vector<Callback> FutureCore::finish(StateBase &Self, Actor &Me,
                                         std::exception_ptr E) {
  std::unique_lock<InternalMutex> G(Mu);
  // A release: recorded before the outcome becomes visible.
  runtime().Rec.sync(EventKind::FutureDone,
                     E ? trace::FutureException : trace::FutureResultSet,
                     Me.Id, Id, 0);
  WEFT_TSAN_RELEASE(this);
  Exc = std::move(E);
  P = Phase::Finished;
  std::vector<Callback> Run;
  Run.swap(Callbacks);
  if (!Run.empty())
    WEFT_TSAN_ACQUIRE(&Callbacks); // each add_done_callback's release
  completeLocked(G, Self, Exc != nullptr);
  return Run;
}

bool FutureCore::cancel(StateBase &Self, Actor &Me, uint32_t Site,
                        std::vector<Callback> &Run) {
  std::unique_lock<InternalMutex> G(Mu);
  if (P == Phase::Running || P == Phase::Finished)
    return false;
  if (P == Phase::Cancelled)
    return true;
  runtime().Rec.sync(EventKind::FutureDone, trace::FutureCancelled, Me.Id, Id,
                     Site);
  WEFT_TSAN_RELEASE(this);
  P = Phase::Cancelled;
  Run.swap(Callbacks);
  if (!Run.empty())
    WEFT_TSAN_ACQUIRE(&Callbacks); // each add_done_callback's release
  completeLocked(G, Self, false);
  return true;
}

std::exception_ptr FutureCore::outcome(std::optional<int64_t> Deadline,
                                       Actor &Me, uint32_t Site) {
  std::unique_lock<InternalMutex> G(Mu);
  while (P == Phase::Pending || P == Phase::Running) {
    if (Deadline && kernel().now() >= *Deadline)
      throw TimeoutError("");
    Waiters.wait(G, Me, Id, Site, Deadline);
  }
  if (P == Phase::Cancelled)
    throw CancelledError("");
  WEFT_TSAN_ACQUIRE(this);
  runtime().Rec.sync(EventKind::FutureResult, 0, Me.Id, Id, Site);
  return Exc;
}

FutureCore::Phase FutureCore::phase() const {
  std::lock_guard<InternalMutex> G(Mu);
  return P;
}

bool FutureCore::isDone() const {
  Phase Ph = phase();
  return Ph == Phase::Cancelled || Ph == Phase::Finished;
}

bool FutureCore::raised() const {
  std::lock_guard<InternalMutex> G(Mu);
  return P == Phase::Finished && Exc != nullptr;
}

bool FutureCore::addCallback(Callback &Fn) {
  std::lock_guard<InternalMutex> G(Mu);
  if (P == Phase::Cancelled || P == Phase::Finished)
    return false;
  // add_done_callback happens before the callback runs (on the thread that
  // completes the future): the callable and what it captured are handed over.
  WEFT_TSAN_RELEASE(&Callbacks);
  Callbacks.push_back(std::move(Fn));
  return true;
}

bool FutureCore::observe(const std::shared_ptr<Observer> &O) {
  std::lock_guard<InternalMutex> G(Mu);
  if (P == Phase::Cancelled || P == Phase::Finished)
    return false;
  Observers.push_back(O);
  return true;
}

void FutureCore::unobserve(const std::shared_ptr<Observer> &O) {
  std::lock_guard<InternalMutex> G(Mu);
  auto It = std::find(Observers.begin(), Observers.end(), O);
  if (It != Observers.end())
    Observers.erase(It);
}

// -- a wait on several futures ------------------------------------------------

/// An Observer installed on a set of futures for the life of a wait() or
/// an as_completed() iteration.
class CompletionStream {
public:
  CompletionStream(const std::vector<StateBase *> &Fs,
                   std::optional<int64_t> Deadline, uint32_t Site)
      : Fs(Fs), Deadline(Deadline), Site(Site),
        Obs(std::make_shared<Observer>()), Seen(Fs.size(), false) {
    // Those already done come first, in input order (Python: a set).
    for (size_t I = 0; I < Fs.size(); ++I)
      if (!Fs[I]->core().observe(Obs))
        Ready.push_back(I);
  }
  ~CompletionStream() {
    for (StateBase *F : Fs)
      F->core().unobserve(Obs);
  }

  /// The next completed future's index: -1 when all were handed out,
  /// nullopt when the deadline passed first.
  std::optional<long> next(Actor &Me) {
    for (;;) {
      if (!Ready.empty()) {
        size_t I = Ready.front();
        Ready.erase(Ready.begin());
        if (Seen[I])
          continue;
        Seen[I] = true;
        ++Handed;
        WEFT_TSAN_ACQUIRE(&Fs[I]->core());
        return long(I);
      }
      if (Handed == Fs.size())
        return -1;
      std::unique_lock<InternalMutex> G(Obs->Mu);
      while (Obs->Completed.empty()) {
        if (Deadline && kernel().now() >= *Deadline)
          return std::nullopt;
        Obs->Q.wait(G, Me, firstPending(), Site, Deadline);
      }
      for (auto &[F, Raised] : Obs->Completed)
        for (size_t I = 0; I < Fs.size(); ++I)
          if (Fs[I] == F)
            Ready.push_back(I);
      Obs->Completed.clear();
    }
  }

  /// Whether \p When is met by the futures done so far (wait()).
  bool met(futures::ReturnWhen When) const {
    size_t Done = 0;
    bool Raised = false;
    for (StateBase *F : Fs) {
      if (F->core().isDone())
        ++Done;
      Raised |= F->core().raised();
    }
    switch (When) {
    case futures::ReturnWhen::FIRST_COMPLETED:
      return Done > 0;
    case futures::ReturnWhen::FIRST_EXCEPTION:
      return Raised || Done == Fs.size();
    case futures::ReturnWhen::ALL_COMPLETED:
      return Done == Fs.size();
    }
    return true;
  }

  /// Parks until some future completes; false once the deadline passed.
  bool waitOne(Actor &Me) {
    std::unique_lock<InternalMutex> G(Obs->Mu);
    while (Obs->Completed.empty()) {
      if (Deadline && kernel().now() >= *Deadline)
        return false;
      Obs->Q.wait(G, Me, firstPending(), Site, Deadline);
    }
    Obs->Completed.clear();
    return true;
  }

  size_t unfinished() const { return Fs.size() - Handed; }
  size_t size() const { return Fs.size(); }

private:
  uint32_t firstPending() const {
    for (StateBase *F : Fs)
      if (!F->core().isDone())
        return F->core().id();
    return Fs.empty() ? 0 : Fs.front()->core().id();
  }

  std::vector<StateBase *> Fs;
  std::optional<int64_t> Deadline;
  uint32_t Site;
  std::shared_ptr<Observer> Obs;
  std::vector<size_t> Ready;
  std::vector<bool> Seen;
  size_t Handed = 0;
};

} // namespace weft::core

namespace weft::futures::detail {

using core::FutureCore;

StateBase::StateBase() : Core(std::make_unique<FutureCore>()) {}
StateBase::~StateBase() = default;

// The shared state's reference count is libstdc++'s: a decrement compiled
// into the program (-fsanitize=thread) is an atomic ThreadSanitizer sees, one
// compiled into this uninstrumented runtime is invisible to it. A worker
// that dropped the last reference here used to free the state with no edge
// from the caller's ~Future() decrement (a false data race on the block).
// So every reference is dropped here, with one key for all of them: a
// release on the state before each decrement, and an acquire by the thread
// that dropped the last one, in the most-derived destructor, before any
// member is destroyed or the block is freed.
void StateBase::dropReference(std::shared_ptr<StateBase> &P) noexcept {
  if (!P)
    return;
  WEFT_TSAN_RELEASE(P.get());
  P.reset(); // the last one: ~Task (user code) and the free, on this thread
}

void StateBase::lastReferenceGone() const noexcept { WEFT_TSAN_ACQUIRE(this); }

bool StateBase::done() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  bool Done = Core->isDone();
  if (Done) // like Event.is_set(): a done() that says so hands the end over
    WEFT_TSAN_ACQUIRE(Core.get());
  return Done;
}

bool StateBase::running() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  return Core->phase() == FutureCore::Phase::Running;
}

bool StateBase::cancelled() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  bool Cancelled = Core->phase() == FutureCore::Phase::Cancelled;
  if (Cancelled)
    WEFT_TSAN_ACQUIRE(Core.get()); // the cancel's release
  return Cancelled;
}

bool StateBase::cancel(SourceLoc Loc) {
  std::vector<std::function<void(StateBase &)>> Run;
  bool Ok;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    core::Runtime &R = core::runtime();
    Ok = Core->cancel(*this, core::self(), R.Rec.site(Loc), Run);
  }
  core::runCallbacks(*this, Run); // user code
  return Ok;
}

std::exception_ptr StateBase::outcome(std::optional<double> Timeout,
                                      SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::optional<int64_t> Deadline = core::deadlineFor(Timeout);
  core::Runtime &R = core::runtime();
  return Core->outcome(Deadline, core::self(), R.Rec.site(Loc));
}

void StateBase::addDoneCallback(std::function<void(StateBase &)> Fn) {
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    if (Core->addCallback(Fn))
      return;
    WEFT_TSAN_ACQUIRE(Core.get());
  }
  std::vector<std::function<void(StateBase &)>> Run;
  Run.push_back(std::move(Fn));
  core::runCallbacks(*this, Run); // already done: here and now
}

void StateBase::runTask() {
  core::Actor *Me;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    Me = &core::self();
    if (!Core->start(*Me))
      return; // cancelled while queued
  }
  std::exception_ptr E;
  try {
    invoke(); // user code
  } catch (...) {
    E = std::current_exception();
  }
  std::vector<std::function<void(StateBase &)>> Run;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    Run = Core->finish(*this, *Me, std::move(E));
  }
  core::runCallbacks(*this, Run); // user code, on the worker
}

std::vector<bool> waitFor(const std::vector<StateBase *> &Fs,
                          std::optional<double> Timeout, ReturnWhen When,
                          SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  core::Actor &Me = core::self();
  core::CompletionStream S(Fs, core::deadlineFor(Timeout), R.Rec.site(Loc));
  while (!S.met(When))
    if (!S.waitOne(Me))
      break;
  std::vector<bool> Done;
  for (StateBase *F : Fs) {
    bool D = F->core().isDone();
    if (D)
      WEFT_TSAN_ACQUIRE(&F->core());
    Done.push_back(D);
  }
  return Done;
}

Completions::Completions(const std::vector<StateBase *> &Fs,
                         std::optional<double> Timeout, SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  Impl = std::make_unique<core::CompletionStream>(
      Fs, core::deadlineFor(Timeout), R.Rec.site(Loc));
}
Completions::~Completions() {
  WEFT_TSAN_IGNORE_ACCESSES();
  Impl.reset();
}
Completions::Completions(Completions &&) noexcept = default;

long Completions::next() {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::optional<long> I = Impl->next(core::self());
  if (!I)
    throw TimeoutError(std::to_string(Impl->unfinished()) + " (of " +
                       std::to_string(Impl->size()) +
                       ") futures unfinished");
  return *I;
}

} // namespace weft::futures::detail
