//===- runtime/lib/core/Kernel.cpp - the native wait/wake back end -------------===//
//
// Each actor's ParkWord is a three-state permit (Rust's futex parker):
//   Empty (0), Notified (1), Parked (UINT32_MAX).
// park: Notified -> Empty returns at once; otherwise Empty -> Parked and
// FUTEX_WAIT until unpark swaps in Notified (and wakes) or the absolute
// CLOCK_MONOTONIC deadline passes.
//===----------------------------------------------------------------------===//
#include "core/Kernel.h"

#include "core/Actor.h"
#include "core/Clock.h"
#include "core/NativeThread.h"
#include "core/Runtime.h"

#include <cerrno>
#include <cmath>
#include <limits>
#include <pthread.h>
#include <time.h>

namespace weft::core {
namespace {

constexpr uint32_t Empty = 0, Notified = 1, Parked = UINT32_MAX;

timespec toTimespec(int64_t Ns) {
  timespec T;
  T.tv_sec = static_cast<time_t>(Ns / 1000000000);
  T.tv_nsec = static_cast<long>(Ns % 1000000000);
  return T;
}

/// How often a parked actor looks again whether the Monitor has seen its
/// events (see park).
constexpr int64_t RecheckNs = 1000000;

void *threadMain(void *Arg) {
  auto *Body = static_cast<std::function<void()> *>(Arg);
  (*Body)();
  delete Body;
  return nullptr;
}

} // namespace

void Kernel::sleepUntil(Actor &Self, int64_t DeadlineNs) {
  while (now() < DeadlineNs)
    park(Self, DeadlineNs);
}

int64_t Kernel::deadlineAfter(double Seconds) const {
  int64_t Now = now();
  if (!(Seconds > 0))
    return Now;
  constexpr int64_t Max = std::numeric_limits<int64_t>::max();
  double Ns = Seconds * 1e9;
  if (Ns >= static_cast<double>(Max - Now))
    return Max;
  return Now + static_cast<int64_t>(std::ceil(Ns));
}

namespace {
Kernel *Installed = nullptr; // set once, before any other thread exists
} // namespace

Kernel &nativeKernel() {
  static NativeKernel *K = new NativeKernel(); // immortal, like the actors
  return *K;
}

Kernel &kernel() {
  if (Installed) [[likely]]
    return *Installed;
  // The runtime installs the back end while it is created (first thing
  // after reading its settings), so that a first call such as
  // time.monotonic() already reads the right clock.
  (void)runtime();
  return Installed ? *Installed : nativeKernel();
}

void installKernel(Kernel *K) { Installed = K; }

Wake NativeKernel::park(Actor &Self, std::optional<int64_t> DeadlineNs) {
  std::atomic<uint32_t> &W = Self.ParkWord;
  // Notified -> Empty (return), or Empty -> Parked (wait).
  if (W.fetch_sub(1, std::memory_order_acquire) == Notified)
    return Wake::Woken;
  // The Monitor must see this actor's events before it sleeps: the wait it
  // just recorded may close a deadlock. While an earlier event is still
  // being stored by another thread (preempted between taking its number
  // and storing it), sleep in short slices and look again.
  Recorder &Rec = runtime().Rec;
  bool Seen = Rec.drainBeforePark();
  for (;;) {
    std::optional<int64_t> Until = DeadlineNs;
    if (!Seen) {
      int64_t Soon = now() + RecheckNs;
      if (!Until || Soon < *Until)
        Until = Soon;
    }
    timespec Abs;
    if (Until)
      Abs = toTimespec(*Until);
    int Err = futexWait(W, Parked, Until ? &Abs : nullptr);
    uint32_t Exp = Notified;
    if (W.compare_exchange_strong(Exp, Empty, std::memory_order_acquire))
      return Wake::Woken;
    if (!Seen && !(DeadlineNs && now() >= *DeadlineNs)) {
      Seen = Rec.drainBeforePark();
      continue;
    }
    if (Err == ETIMEDOUT || (DeadlineNs && now() >= *DeadlineNs))
      return W.exchange(Empty, std::memory_order_acquire) == Notified
                 ? Wake::Woken
                 : Wake::TimedOut;
    // EINTR, EAGAIN or a spurious futex wake-up: still Parked, wait again.
  }
}

void NativeKernel::unpark(Actor &A) {
  if (A.ParkWord.exchange(Notified, std::memory_order_release) == Parked)
    futexWake(A.ParkWord, 1);
}

int64_t NativeKernel::now() const { return clockNs(CLOCK_MONOTONIC); }

bool NativeKernel::create(std::function<void()> Body, bool Detached,
                          std::string &Error, uint64_t &Handle) {
  auto *Heap = new std::function<void()>(std::move(Body));
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  if (Detached)
    pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED);
  pthread_t T;
  int Rc = native::create(&T, &Attr, threadMain, Heap);
  pthread_attr_destroy(&Attr);
  if (Rc != 0) {
    delete Heap;
    Error = "can't start new thread";
    return false;
  }
  static_assert(sizeof(pthread_t) <= sizeof(uint64_t));
  Handle = Detached ? 0 : static_cast<uint64_t>(T);
  return true;
}

bool NativeKernel::spawn(Actor &A, std::function<void()> Body,
                         std::string &Error) {
  (void)A;
  uint64_t Handle;
  return create(std::move(Body), /*Detached=*/true, Error, Handle);
}

bool NativeKernel::spawnJoinable(Actor &A, std::function<void()> Body,
                                 std::string &Error, uint64_t &Handle) {
  (void)A;
  return create(std::move(Body), /*Detached=*/false, Error, Handle);
}

void NativeKernel::joinNative(Actor &Self, uint64_t Handle, bool Ended) {
  (void)Self;
  const auto T = static_cast<pthread_t>(Handle);
  if (Ended) {
    native::join(T, nullptr); // the thread is leaving: no Monitor needed
    return;
  }
  // As park(): the Monitor sees this actor's events (its JoinRequest may
  // close a deadlock) before it blocks; while an earlier event is still
  // being stored, wait in short slices and look again.
  Recorder &Rec = runtime().Rec;
  while (!Rec.drainBeforePark()) {
    timespec Abs;
    clock_gettime(CLOCK_REALTIME, &Abs);
    Abs.tv_nsec += RecheckNs;
    if (Abs.tv_nsec >= 1000000000) {
      Abs.tv_nsec -= 1000000000;
      ++Abs.tv_sec;
    }
    if (native::timedJoin(T, nullptr, &Abs) == 0)
      return;
  }
  native::join(T, nullptr);
}

void NativeKernel::detachNative(uint64_t Handle) {
  native::detach(static_cast<pthread_t>(Handle));
}

} // namespace weft::core
