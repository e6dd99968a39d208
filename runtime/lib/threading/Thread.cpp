//===- runtime/lib/threading/Thread.cpp - threading.Thread and friends --------------===//
//
// Happens-before: Thread.start happens before the child's first action; the
// child's last action happens before the join that sees it end.
//
// Every wait here (start waiting for the child to run, join) parks through
// the Kernel; nothing blocks on an OS primitive.
//===----------------------------------------------------------------------===//
#include "weft/threading.h"

#include "core/Stderr.h"
#include "core/Kernel.h"
#include "threading/Local.h"
#include "core/Runtime.h"
#include "threading/ThreadState.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <mutex>
#include <pthread.h>
#include <unistd.h>

namespace weft::threading {
namespace {

using core::Actor;
using core::Runtime;
using core::ThreadState;
using trace::EventKind;
using Phase = core::ThreadState::Phase;

/// Thread objects the runtime makes itself: the main thread, "Dummy-N"
/// threads, and stand-ins for destroyed Thread objects of running threads.
class RuntimeThread final : public Thread {
public:
  explicit RuntimeThread(std::shared_ptr<ThreadState> S)
      : Thread(std::move(S)) {}
};

uint64_t selfIdent() {
  return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(
      reinterpret_cast<void *>(pthread_self())));
}

using core::writeStderr;

/// Python's report of an exception that escaped run().
void printException(const std::string &Thread, const char *Type,
                    const char *What) {
  writeStderr("Exception in thread " + Thread + ":\n" + Type + ": " + What +
              "\n");
}

/// Waits until \p S has ended, at most until \p Deadline. True if it ended.
bool waitEnded(ThreadState &S, Actor &Me, std::optional<int64_t> Deadline) {
  core::Kernel &K = core::kernel();
  std::unique_lock<core::InternalMutex> G(S.Mu);
  for (;;) {
    if (S.P == Phase::Ended)
      return true;
    if (Deadline && K.now() >= *Deadline) {
      auto It = std::find(S.Joiners.begin(), S.Joiners.end(), &Me);
      if (It != S.Joiners.end())
        S.Joiners.erase(It);
      return false;
    }
    if (std::find(S.Joiners.begin(), S.Joiners.end(), &Me) == S.Joiners.end())
      S.Joiners.push_back(&Me);
    G.unlock();
    K.park(Me, Deadline);
    G.lock();
  }
}

/// Joins \p S from \p Me and records it; the caller has checked the rules.
///
/// The first untimed join of a thread weft started natively waits for the
/// OS thread itself (pthread_join), not for the wake-up its ThreadEnd
/// gives: like Python's join, it returns once the thread has really gone,
/// thread-local destructors and ThreadSanitizer's clean-up included (woken
/// at ThreadEnd, the joiner used to run while those were still going on;
/// it was meant to save TLB shoot-downs under TSan, and measured no faster:
/// bench/README.md). Other joiners (timed, or a second one) park as before.
bool joinState(ThreadState &S, Actor &Me, std::optional<int64_t> Deadline,
               uint32_t Site) {
  Runtime &R = core::runtime();
  // Recorded before waiting, so a join that can never return is part of the
  // wait-for graph (the detector ignores it if S has already ended).
  uint8_t Flags = trace::LockBlocking | (Deadline ? trace::LockTimed : 0);
  R.Rec.sync(EventKind::JoinRequest, Flags, Me.Id, S.A->Id, Site);
  uint64_t Native = 0;
  bool EndedAlready = false;
  if (!Deadline) {
    std::lock_guard<core::InternalMutex> G(S.Mu);
    if (S.Native && !S.NativeClaimed) {
      S.NativeClaimed = true;
      Native = S.Native;
      EndedAlready = S.P == Phase::Ended;
    }
  }
  bool Ended;
  if (Native) {
    core::kernel().joinNative(Me, Native, EndedAlready);
    Ended = true; // ThreadEnd comes before the OS thread exits
  } else {
    Ended = waitEnded(S, Me, Deadline);
  }
  if (Ended)
    WEFT_TSAN_ACQUIRE(&S);
  R.Rec.sync(EventKind::ThreadJoin, Ended ? 0 : 1, Me.Id, S.A->Id, Site);
  return Ended;
}

/// Parks \p Me (G holds S.Mu) until the started thread of \p S runs, or
/// its start failed; beginThread() wakes it.
void waitBegun(ThreadState &S, Actor &Me,
               std::unique_lock<core::InternalMutex> &G) {
  while (S.P == Phase::Started && !S.Begun) {
    if (std::find(S.BeginWaiters.begin(), S.BeginWaiters.end(), &Me) ==
        S.BeginWaiters.end())
      S.BeginWaiters.push_back(&Me);
    G.unlock();
    core::kernel().park(Me, std::nullopt);
    G.lock();
  }
}

/// Wakes those waitBegun() parked (S.Mu not held).
void wakeBegun(std::vector<Actor *> &Waiters) {
  for (Actor *W : Waiters)
    core::kernel().unpark(*W);
}

/// The child's side of start(): runs first on the new actor.
Thread *beginThread(ThreadState &S, Actor &Me, uint16_t Parent) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::bindActor(&Me);
  std::vector<Actor *> Waiters;
  Thread *Obj;
  {
    std::lock_guard<core::InternalMutex> G(S.Mu);
    S.Ident = selfIdent();
    S.NativeId = static_cast<uint64_t>(::gettid());
    S.Begun = true;
    Waiters.swap(S.BeginWaiters);
    Obj = S.Object;
  }
  WEFT_TSAN_ACQUIRE(&S);
  core::runtime().Rec.sync(EventKind::ThreadBegin, 0, Me.Id, Parent, 0);
  wakeBegun(Waiters);
  return Obj;
}

/// The end of a thread: recorded, then joiners wake.
void endThread(ThreadState &S, Actor &Me, bool Raised) {
  WEFT_TSAN_IGNORE_ACCESSES();
  // Recorded before the state changes (a release).
  core::runtime().Rec.sync(EventKind::ThreadEnd, Raised ? 1 : 0, Me.Id, 0,
                           Me.StartSite);
  WEFT_TSAN_RELEASE(&S);
  std::vector<Actor *> Joiners;
  {
    std::lock_guard<core::InternalMutex> G(S.Mu);
    Me.Alive.store(false, std::memory_order_release);
    S.P = Phase::Ended;
    Joiners.swap(S.Joiners);
  }
  for (Actor *J : Joiners)
    core::kernel().unpark(*J);
  core::bindActor(nullptr);
}

/// The body of a started thread, on its own actor.
void runThread(const std::shared_ptr<ThreadState> &S, Actor &Me,
               uint16_t Parent) {
  Thread *Obj = beginThread(*S, Me, Parent);
  bool Raised = true;
  try {
    Obj->run(); // user code: outside any WEFT_TSAN_IGNORE_ACCESSES scope
    Raised = false;
  } catch (const weft::Error &E) {
    printException(core::runtime().Actors.name(Me), E.pythonName(), E.what());
  } catch (const std::exception &E) {
    printException(core::runtime().Actors.name(Me), "Exception", E.what());
  } catch (...) {
    printException(core::runtime().Actors.name(Me), "Exception",
                   "an exception that is not a std::exception");
  }
  // Its threading.local values go as the thread ends (user destructors:
  // outside any ignore scope), before joiners wake.
  core::localsThreadEnded(Me);
  endThread(*S, Me, Raised);
}

/// Ends a foreign thread's actor when that thread exits.
struct ForeignExit {
  Actor *A = nullptr;
  ~ForeignExit() {
    WEFT_TSAN_IGNORE_ACCESSES();
    if (!A)
      return;
    Runtime &R = core::runtime();
    ThreadState &S = *A->Thread;
    core::localsThreadEnded(*A);
    R.Rec.sync(EventKind::ThreadEnd, 0, A->Id, 0, 0);
    std::vector<Actor *> Joiners;
    {
      std::lock_guard<core::InternalMutex> G(S.Mu);
      A->Alive.store(false, std::memory_order_release);
      S.P = Phase::Ended;
      Joiners.swap(S.Joiners);
    }
    for (Actor *J : Joiners)
      core::kernel().unpark(*J);
    core::bindActor(nullptr);
  }
};

} // namespace

// -- Thread -------------------------------------------------------------------

Thread::Thread() : Thread(ThreadOptions{}) {}

Thread::Thread(ThreadOptions Opts) : State(std::make_shared<ThreadState>()) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = core::runtime();
  Actor &Me = core::self();
  State->Object = this;
  State->Name = Opts.name.empty()
                    ? "Thread-" + std::to_string(R.Actors.nextNameNumber())
                    : std::move(Opts.name);
  State->Daemon =
      Opts.daemon.value_or(Me.Daemon.load(std::memory_order_relaxed));
}

Thread::Thread(std::shared_ptr<ThreadState> S) : State(std::move(S)) {}

Thread::~Thread() {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (!State)
    return;
  Actor *A;
  bool Running, Ended, Subclass;
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    A = State->A;
    Running = State->P == Phase::Started;
    Ended = State->P == Phase::Ended;
    Subclass = !State->Target;
  }
  // A thread that has ended, never joined: what it did happens before the
  // object goes (its state, the target it ran, are freed here), as after a
  // join. Without this edge ThreadSanitizer saw the free race with the
  // thread's last reads whenever the thread ended before the destructor.
  if (Ended)
    WEFT_TSAN_ACQUIRE(State.get());
  if (!Running || !A)
    return;
  Actor *Me = core::boundActor();
  if (Subclass && Me != A) {
    // By now the derived object is gone: its run() override and members
    // cannot be used any more. C++ cannot keep it alive as Python does, so
    // say so instead of silently running the base run().
    std::string Msg =
        "weft: error: thread '" + core::runtime().Actors.name(*A) +
        "' runs a Thread subclass whose object was destroyed while the "
        "thread was still running; its run() may not run at all. Keep the "
        "object alive until the thread ends and join() it (Python keeps it "
        "alive for you).\n";
    ssize_t Ignored = ::write(2, Msg.data(), Msg.size());
    (void)Ignored;
  }
  if (!A->Daemon.load() && Me != A) {
    // Python keeps a started thread's object alive until it ends; C++
    // frees it here, so wait for the thread as Python's exit would.
    joinState(*State, core::self(), std::nullopt, 0);
    return;
  }
  // A daemon (or the thread itself) still runs: current_thread() must keep
  // working, so it gets a stand-in object.
  std::lock_guard<core::InternalMutex> G(State->Mu);
  if (State->P != Phase::Ended && State->Object == this)
    State->Object = new RuntimeThread(State); // lives as long as the thread
}

void Thread::setTarget(std::function<void()> Fn) {
  WEFT_TSAN_IGNORE_ACCESSES();
  State->Target = std::move(Fn);
}

void Thread::run() {
  std::shared_ptr<ThreadState> S = State; // run() may outlive *this
  if (S->Target)
    S->Target();
}

void Thread::start(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = core::runtime();
  Actor &Me = core::self();
  std::string Name;
  bool Daemon;
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->P != Phase::Initial)
      throw RuntimeError("threads can only be started once");
    State->P = Phase::Started;
    Name = State->Name;
    Daemon = State->Daemon;
  }
  uint32_t Site = R.Rec.site(Loc);
  Actor &Child = R.Actors.create(trace::ActorType::Thread, Name, Daemon);
  Child.StartSite = Site;
  Child.Thread = State.get();
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    State->A = &Child;
  }
  Child.Alive.store(true, std::memory_order_release);
  R.Rec.defineActor(Child, Name);
  R.Rec.sync(EventKind::ThreadStart, 0, Me.Id, Child.Id, Site);
  WEFT_TSAN_RELEASE(State.get());

  std::string Error;
  std::shared_ptr<ThreadState> S = State;
  uint16_t Parent = Me.Id;
  uint64_t Native = 0;
  if (!core::kernel().spawnJoinable(
          Child, [S, &Child, Parent] { runThread(S, Child, Parent); }, Error,
          Native)) {
    R.Rec.sync(EventKind::ThreadEnd, 0, Child.Id, 0, Site);
    Child.Alive.store(false);
    std::vector<Actor *> Waiters;
    {
      std::lock_guard<core::InternalMutex> G(State->Mu);
      State->P = Phase::Initial; // Python lets start() be tried again
      State->A = nullptr;
      Waiters.swap(State->BeginWaiters); // a native_id() meanwhile
    }
    wakeBegun(Waiters);
    throw RuntimeError(Error);
  }
  // Python's start() returns once the thread has an ident. A native
  // thread has one now (its pthread_t, which the child also reads), and
  // native_id() waits for the child itself; under the controlled scheduler
  // start() waits for the child to run, which keeps the schedule the same.
  // (Waiting natively too cost a context switch per thread, and the parent
  // often moved to another core.)
  std::unique_lock<core::InternalMutex> G(State->Mu);
  State->Native = Native;
  if (Native && !State->Ident)
    State->Ident = Native;
  if (!Native)
    waitBegun(*State, Me, G);
}

void Thread::join(std::optional<double> Timeout, SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Runtime &R = core::runtime();
  Actor &Me = core::self();
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->P == Phase::Initial)
      throw RuntimeError("cannot join thread before it is started");
    if (State->A == &Me)
      throw RuntimeError("cannot join current thread");
  }
  std::optional<int64_t> Deadline;
  if (Timeout) // Python: join(timeout) with a negative timeout waits 0 s
    Deadline = core::kernel().deadlineAfter(std::max(*Timeout, 0.0));
  joinState(*State, Me, Deadline, R.Rec.site(Loc));
}

bool Thread::is_alive() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<core::InternalMutex> G(State->Mu);
  return State->P == Phase::Started;
}

std::string Thread::name() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<core::InternalMutex> G(State->Mu);
  return State->A ? core::runtime().Actors.name(*State->A) : State->Name;
}

void Thread::set_name(std::string Name) {
  WEFT_TSAN_IGNORE_ACCESSES();
  Actor *A;
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    A = State->A;
    if (!A) {
      State->Name = std::move(Name);
      return;
    }
  }
  Runtime &R = core::runtime();
  R.Actors.setName(*A, Name);
  R.Rec.defineActor(*A, Name);
}

std::optional<uint64_t> Thread::ident() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<core::InternalMutex> G(State->Mu);
  return State->Ident;
}

std::optional<uint64_t> Thread::native_id() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  Actor &Me = core::self();
  std::unique_lock<core::InternalMutex> G(State->Mu);
  // Started but not running yet (start() does not wait natively): the
  // child sets it before anything else, so this wait is short.
  waitBegun(*State, Me, G);
  return State->NativeId;
}

bool Thread::daemon() const {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<core::InternalMutex> G(State->Mu);
  return State->A ? State->A->Daemon.load() : State->Daemon;
}

void Thread::set_daemon(bool Daemonic) {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::lock_guard<core::InternalMutex> G(State->Mu);
  if (State->P != Phase::Initial)
    throw RuntimeError("cannot set daemon status of active thread");
  State->Daemon = Daemonic;
}

// -- module functions -----------------------------------------------------------

Thread &current_thread() {
  WEFT_TSAN_IGNORE_ACCESSES();
  Actor &Me = core::self();
  std::lock_guard<core::InternalMutex> G(Me.Thread->Mu);
  return *Me.Thread->Object;
}

Thread &main_thread() {
  WEFT_TSAN_IGNORE_ACCESSES();
  ThreadState &S = *core::runtime().Main->Thread;
  std::lock_guard<core::InternalMutex> G(S.Mu);
  return *S.Object;
}

std::vector<Thread *> enumerate() {
  WEFT_TSAN_IGNORE_ACCESSES();
  std::vector<Thread *> Out;
  for (Actor *A : core::runtime().Actors.alive()) {
    if (!A->Thread)
      continue;
    std::lock_guard<core::InternalMutex> G(A->Thread->Mu);
    Out.push_back(A->Thread->Object);
  }
  return Out;
}

int active_count() { return static_cast<int>(enumerate().size()); }

uint64_t get_ident() {
  WEFT_TSAN_IGNORE_ACCESSES();
  (void)core::self();
  return selfIdent();
}

uint64_t get_native_id() {
  WEFT_TSAN_IGNORE_ACCESSES();
  (void)core::self();
  return static_cast<uint64_t>(::gettid());
}

} // namespace weft::threading

// -- the runtime's side ---------------------------------------------------------

namespace weft::core {

ThreadState::~ThreadState() {
  // Nobody joined the OS thread (never joined, or only with a timeout): it
  // frees itself when it exits. The handle came from the native back end.
  if (Native && !NativeClaimed)
    nativeKernel().detachNative(Native);
}

} // namespace weft::core

namespace weft::core::threading_impl {

using threading::RuntimeThread;

Actor &createMainThread(Runtime &R) {
  Actor &A =
      R.Actors.create(trace::ActorType::MainThread, "MainThread", false);
  auto S = std::make_shared<ThreadState>();
  S->P = ThreadState::Phase::Started;
  S->A = &A;
  S->Begun = true;
  S->NativeId = static_cast<uint64_t>(::getpid());
  S->Object = new RuntimeThread(S); // immortal, like the actor
  A.Thread = S.get();
  A.Alive.store(true, std::memory_order_release);
  R.Rec.defineActor(A, "MainThread");
  R.Rec.sync(trace::EventKind::ThreadBegin, 0, A.Id, 0, 0);
  return A;
}

void bindMainThread(Runtime &R) {
  bindActor(R.Main);
  std::lock_guard<InternalMutex> G(R.Main->Thread->Mu);
  R.Main->Thread->Ident = threading::selfIdent();
}

Actor &adoptForeignThread(Runtime &R) {
  std::string Name = "Dummy-" + std::to_string(R.Actors.nextNameNumber());
  Actor &A = R.Actors.create(trace::ActorType::Foreign, Name, true);
  auto S = std::make_shared<ThreadState>();
  S->P = ThreadState::Phase::Started;
  S->A = &A;
  S->Begun = true;
  S->Ident = threading::selfIdent();
  S->NativeId = static_cast<uint64_t>(::gettid());
  S->Object = new RuntimeThread(S); // immortal, like the actor
  A.Thread = S.get();
  A.Alive.store(true, std::memory_order_release);
  bindActor(&A);
  static thread_local threading::ForeignExit Exit;
  Exit.A = &A;
  R.Rec.defineActor(A, Name);
  R.Rec.sync(trace::EventKind::ThreadBegin, 0, A.Id, 0, 0);
  return A;
}

void joinNonDaemonThreads(Runtime &R, Actor &Me) {
  for (;;) {
    Actor *Next = nullptr;
    for (Actor *A : R.Actors.alive())
      if (A != &Me && A->Type == trace::ActorType::Thread && !A->Daemon) {
        Next = A;
        break;
      }
    if (!Next)
      return;
    threading::joinState(*Next->Thread, Me, std::nullopt, 0);
  }
}

} // namespace weft::core::threading_impl
