//===- runtime/lib/interpose/Thread.cpp - pthread_create, join, detach, exit ---===//
//
// A thread the program starts (pthread_create, and so std::thread and
// std::jthread) is a weft Thread: an actor, started and joined through the
// kernel, with ThreadStart/ThreadBegin/ThreadEnd/JoinRequest/ThreadJoin in
// the trace, so join cycles are deadlocks and a mutex still held at the end
// is a missing release. It is a daemon thread: a C program ends when main
// returns, whatever its other threads do. Its pthread_t is the real one
// (pthread_self() in the thread returns it), which keys the table of
// threads this file keeps for join, detach and the return value.
//===----------------------------------------------------------------------===//
#include "interpose/Caller.h"
#include "interpose/Real.h"

#include "core/Futex.h"
#include "core/Runtime.h"
#include "weft/errors.h"
#include "weft/threading.h"

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace weft::interpose {
namespace {

/// Under the controlled scheduler a thread's OS thread is detached, so its
/// pthread_t could be reused by the next thread as soon as it exits, while
/// the program still holds it to join. So there the OS thread waits at its
/// very end (after its actor has ended) until it is joined or detached.
struct ExitGate {
  std::atomic<uint32_t> Open{0};
  void open() {
    Open.store(1, std::memory_order_release);
    core::futexWake(Open, 1);
  }
};

struct GateHold {
  std::shared_ptr<ExitGate> Gate;
  ~GateHold() {
    if (Gate)
      while (Gate->Open.load(std::memory_order_acquire) == 0)
        core::futexWait(Gate->Open, 0, nullptr);
  }
};

struct PlainThread {
  std::unique_ptr<threading::Thread> T;
  void *Result = nullptr;
  std::shared_ptr<ExitGate> Gate = std::make_shared<ExitGate>();
  ~PlainThread() { Gate->open(); }
};

/// What pthread_exit throws to end a plain thread; caught at its start.
struct ExitRequest {
  void *Value;
};

core::InternalMutex Mu; // guards Threads
std::unordered_map<pthread_t, PlainThread *> *Threads = nullptr;
thread_local PlainThread *Current = nullptr;

void add(pthread_t Id, PlainThread *P) {
  std::lock_guard<core::InternalMutex> G(Mu);
  if (!Threads)
    Threads = new std::unordered_map<pthread_t, PlainThread *>();
  (*Threads)[Id] = P;
}

/// Removes \p Id from the table and returns it (null: not a plain thread).
PlainThread *take(pthread_t Id) {
  std::lock_guard<core::InternalMutex> G(Mu);
  if (!Threads)
    return nullptr;
  auto It = Threads->find(Id);
  if (It == Threads->end())
    return nullptr;
  PlainThread *P = It->second;
  Threads->erase(It);
  return P;
}

PlainThread *find(pthread_t Id) {
  std::lock_guard<core::InternalMutex> G(Mu);
  if (!Threads)
    return nullptr;
  auto It = Threads->find(Id);
  return It == Threads->end() ? nullptr : It->second;
}

/// Lets a plain thread go (detached): nobody will join it. Its record
/// stays, as the thread itself still writes its result there (a few dozen
/// bytes per detached thread).
void release(PlainThread *P) { P->Gate->open(); }

} // namespace
} // namespace weft::interpose

using namespace weft;
using namespace weft::interpose;

extern "C" {

int pthread_create(pthread_t *Out, const pthread_attr_t *Attr,
                   void *(*Fn)(void *), void *Arg) {
  if (inside())
    return real().Create(Out, Attr, Fn, Arg);
  Inside In;
  std::source_location Loc = callerLocation(__builtin_return_address(0));
  int DetachState = PTHREAD_CREATE_JOINABLE;
  if (Attr)
    pthread_attr_getdetachstate(Attr, &DetachState);
  auto *P = new PlainThread();
  threading::ThreadOptions Opts;
  Opts.daemon = true; // the process ends when main returns
  P->T = std::make_unique<threading::Thread>(Opts, [P, Fn, Arg] {
    // Registered by the thread too: it may detach itself before
    // pthread_create has returned in its parent.
    add(pthread_self(), P);
    Current = P;
    if (core::runtime().Rec.controlled()) {
      static thread_local GateHold Hold;
      Hold.Gate = P->Gate;
    }
    try {
      P->Result = Fn(Arg);
    } catch (const ExitRequest &E) {
      P->Result = E.Value;
    }
    Current = nullptr;
  });
  try {
    P->T->start(Loc);
  } catch (const weft::Error &) {
    delete P;
    return EAGAIN;
  }
  pthread_t Id = static_cast<pthread_t>(P->T->ident().value_or(0));
  add(Id, P);
  *Out = Id;
  if (DetachState == PTHREAD_CREATE_DETACHED && take(Id))
    release(P);
  return 0;
}

int pthread_join(pthread_t Id, void **Ret) {
  if (inside())
    return real().Join(Id, Ret);
  if (pthread_equal(Id, pthread_self()))
    return EDEADLK;
  Inside In;
  PlainThread *P = take(Id);
  if (!P)
    return real().Join(Id, Ret); // a thread the runtime did not start
  std::source_location Loc = callerLocation(__builtin_return_address(0));
  P->T->join(std::nullopt, Loc);
  if (Ret)
    *Ret = P->Result;
  delete P;
  return 0;
}

int pthread_detach(pthread_t Id) {
  if (inside())
    return real().Detach(Id);
  Inside In;
  PlainThread *P = take(Id);
  if (!P)
    return real().Detach(Id);
  release(P);
  return 0;
}

void pthread_exit(void *Value) {
  if (Current && !inside())
    throw ExitRequest{Value}; // unwinds to the thread's start, as glibc's
  real().Exit(Value);
  __builtin_unreachable();
}

int pthread_setname_np(pthread_t Id, const char *Name) {
  if (!inside()) {
    Inside In;
    if (PlainThread *P = find(Id))
      P->T->set_name(Name);
  }
  return real().SetName(Id, Name);
}

} // extern "C"
