//===- runtime/lib/interpose/Cond.cpp - pthread_cond_t as a weft condition ----===//
//
// The program's pthread_cond_t (and so std::condition_variable, and
// std::condition_variable_any through it) is a POSIX ConditionCore: each
// wait names its mutex's LockCore, notify needs no lock held. Waits and
// wakes go through the condition's WaitQueue, so a wait nobody will ever
// signal while every thread waits is a deadlock. The object's first word
// holds the ConditionCore (made at first use: PTHREAD_COND_INITIALIZER is
// all zeros), the next the clock of timed waits (pthread_condattr_setclock).
// Spurious wake-ups are allowed, as POSIX allows them.
//===----------------------------------------------------------------------===//
#include "interpose/Caller.h"
#include "interpose/Mutex.h"
#include "interpose/Real.h"

#include "core/Futex.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "threading/Condition.h"
#include "threading/LockCore.h"
#include "weft/errors.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace weft::interpose {
namespace {

struct CondWords {
  std::atomic<core::ConditionCore *> Core;
  clockid_t Clock; // 0 (CLOCK_REALTIME) unless pthread_condattr_setclock
};
static_assert(sizeof(CondWords) <= sizeof(pthread_cond_t));
static_assert(CLOCK_REALTIME == 0);

CondWords &words(pthread_cond_t *C) {
  return *reinterpret_cast<CondWords *>(C);
}

core::InternalMutex CreateMu;

core::ConditionCore &condCore(pthread_cond_t *C,
                              const std::source_location &Loc) {
  CondWords &W = words(C);
  if (core::ConditionCore *K = W.Core.load(std::memory_order_acquire))
    [[likely]]
    return *K;
  std::lock_guard<core::InternalMutex> G(CreateMu);
  if (core::ConditionCore *K = W.Core.load(std::memory_order_acquire))
    return *K;
  auto *K = new core::ConditionCore(Loc, objectName(C, sizeof *C, Loc));
  W.Core.store(K, std::memory_order_release);
  return *K;
}

/// The kernel's deadline for \p Abs on \p Clock.
int64_t deadlineOf(clockid_t Clock, const timespec *Abs) {
  timespec Now;
  clock_gettime(Clock, &Now);
  double Secs = double(Abs->tv_sec - Now.tv_sec) +
                double(Abs->tv_nsec - Now.tv_nsec) * 1e-9;
  return core::kernel().deadlineAfter(Secs);
}

int wait(pthread_cond_t *C, pthread_mutex_t *M, std::optional<clockid_t> Clock,
         const timespec *Abs, const void *Ret) {
  if (Abs && (Abs->tv_nsec < 0 || Abs->tv_nsec >= 1000000000))
    return EINVAL;
  Inside In;
  std::source_location Loc = callerLocation(Ret);
  core::ConditionCore &K = condCore(C, Loc);
  core::LockCore &L = mutexCore(M, Loc);
  std::optional<int64_t> Deadline;
  if (Abs)
    Deadline = deadlineOf(Clock.value_or(words(C).Clock), Abs);
  try {
    return K.waitOn(L, Deadline, Loc) ? 0 : ETIMEDOUT;
  } catch (const weft::Error &) {
    return EPERM; // the mutex is not held
  }
}

int notify(pthread_cond_t *C, bool All, const void *Ret) {
  Inside In;
  std::source_location Loc = callerLocation(Ret);
  condCore(C, Loc).notify(1, All, Loc);
  return 0;
}

} // namespace
} // namespace weft::interpose

using namespace weft;
using namespace weft::interpose;

extern "C" {

int pthread_cond_init(pthread_cond_t *C, const pthread_condattr_t *A) {
  std::memset(static_cast<void *>(C), 0, sizeof *C);
  clockid_t Clock = CLOCK_REALTIME;
  if (A)
    pthread_condattr_getclock(A, &Clock);
  words(C).Clock = Clock;
  return 0;
}

int pthread_cond_destroy(pthread_cond_t *C) {
  core::ConditionCore *K = words(C).Core.load(std::memory_order_acquire);
  if (K) {
    Inside In;
    if (K->busy())
      return EBUSY;
  }
  // Not freed: a woken waiter may still be leaving it.
  words(C).Core.store(nullptr, std::memory_order_release);
  return 0;
}

int pthread_cond_wait(pthread_cond_t *C, pthread_mutex_t *M) {
  return wait(C, M, std::nullopt, nullptr, __builtin_return_address(0));
}

int pthread_cond_timedwait(pthread_cond_t *C, pthread_mutex_t *M,
                           const timespec *Abs) {
  return wait(C, M, std::nullopt, Abs, __builtin_return_address(0));
}

int pthread_cond_clockwait(pthread_cond_t *C, pthread_mutex_t *M,
                           clockid_t Clock, const timespec *Abs) {
  return wait(C, M, Clock, Abs, __builtin_return_address(0));
}

int pthread_cond_signal(pthread_cond_t *C) {
  return notify(C, false, __builtin_return_address(0));
}

int pthread_cond_broadcast(pthread_cond_t *C) {
  return notify(C, true, __builtin_return_address(0));
}

} // extern "C"
