//===- runtime/lib/interpose/Mutex.cpp - pthread_mutex_t as a weft lock --------===//
//
// Error codes are pthreads': an errorcheck mutex relocked by its owner gives
// EDEADLK (a normal one waits forever, which the deadlock detector reports
// as a double acquire), unlocking a recursive or errorcheck mutex one does
// not hold EPERM, trylock EBUSY, timedlock ETIMEDOUT, destroying a mutex
// that is held or waited for EBUSY. Calls that do not come from the
// program's code (a shared library's own mutexes) go to the C library.
//===----------------------------------------------------------------------===//
#include "interpose/Mutex.h"

#include "interpose/Caller.h"
#include "interpose/Real.h"

#include "core/Futex.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "threading/LockCore.h"
#include "weft/errors.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace weft::interpose {
namespace {

} // namespace
core::LockCore *existingMutexCore(pthread_mutex_t *M);
namespace {

std::atomic<core::LockCore *> &slot(pthread_mutex_t *M) {
  static_assert(sizeof(M->__data.__list) >= sizeof(void *));
  return *reinterpret_cast<std::atomic<core::LockCore *> *>(&M->__data.__list);
}

int kind(const pthread_mutex_t *M) { return M->__data.__kind & 3; }

core::InternalMutex CreateMu;

/// Seconds from now until \p Abs on \p Clock (negative: passed).
double secondsUntil(clockid_t Clock, const timespec *Abs) {
  timespec Now;
  clock_gettime(Clock, &Now);
  return double(Abs->tv_sec - Now.tv_sec) +
         double(Abs->tv_nsec - Now.tv_nsec) * 1e-9;
}

/// Whether a call on \p M is taken over: not from inside the runtime, and
/// either on a mutex that is already a weft lock or from the program's own
/// code. (An unlock at the end of a function is often a tail call: its
/// return address is then the caller's caller, maybe in libstdc++.so.)
bool mine(pthread_mutex_t *M, const void *Ret) {
  return !inside() &&
         (existingMutexCore(M) || (inProgram(Ret) && !fromWeft(Ret)));
}

int lockTimed(pthread_mutex_t *M, clockid_t Clock, const timespec *Abs,
              const void *Ret) {
  if (Abs->tv_nsec < 0 || Abs->tv_nsec >= 1000000000)
    return EINVAL;
  Inside In;
  std::source_location Loc = callerLocation(Ret);
  core::LockCore &C = mutexCore(M, Loc);
  if (kind(M) == PTHREAD_MUTEX_ERRORCHECK && C.depthHeldBy(core::self()))
    return EDEADLK;
  double Secs = std::max(0.0, secondsUntil(Clock, Abs));
  return C.acquire(true, Secs, Loc) ? 0 : ETIMEDOUT;
}

} // namespace

core::LockCore *existingMutexCore(pthread_mutex_t *M) {
  return slot(M).load(std::memory_order_acquire);
}

core::LockCore &mutexCore(pthread_mutex_t *M, const std::source_location &Loc) {
  if (core::LockCore *C = existingMutexCore(M)) [[likely]]
    return *C;
  std::lock_guard<core::InternalMutex> G(CreateMu);
  if (core::LockCore *C = existingMutexCore(M))
    return *C;
  auto *C = new core::LockCore(kind(M) == PTHREAD_MUTEX_RECURSIVE,
                               objectName(M, sizeof *M, Loc), Loc);
  slot(M).store(C, std::memory_order_release);
  return *C;
}

} // namespace weft::interpose

using namespace weft;
using namespace weft::interpose;

extern "C" {

int pthread_mutex_init(pthread_mutex_t *M, const pthread_mutexattr_t *A) {
  if (!mine(M, __builtin_return_address(0)))
    return real().MutexInit(M, A);
  int Type = PTHREAD_MUTEX_DEFAULT;
  if (A)
    pthread_mutexattr_gettype(A, &Type);
  std::memset(static_cast<void *>(M), 0, sizeof *M);
  M->__data.__kind = Type & 3;
  Inside In;
  (void)mutexCore(M, callerLocation(__builtin_return_address(0)));
  return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *M) {
  if (!mine(M, __builtin_return_address(0)))
    return real().MutexDestroy(M);
  Inside In;
  core::LockCore *C = existingMutexCore(M);
  if (C && C->busy())
    return EBUSY;
  // The core is not freed: a thread may still be returning from its last
  // unlock. A destroyed mutex is all zeros, as a new one.
  slot(M).store(nullptr, std::memory_order_release);
  return 0;
}

int pthread_mutex_lock(pthread_mutex_t *M) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(M, Ret))
    return real().MutexLock(M);
  Inside In;
  std::source_location Loc = callerLocation(Ret);
  core::LockCore &C = mutexCore(M, Loc);
  if (kind(M) == PTHREAD_MUTEX_ERRORCHECK && C.depthHeldBy(core::self()))
    return EDEADLK;
  C.acquire(true, -1, Loc);
  return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *M) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(M, Ret))
    return real().MutexTryLock(M);
  Inside In;
  std::source_location Loc = callerLocation(Ret);
  core::LockCore &C = mutexCore(M, Loc);
  if (kind(M) == PTHREAD_MUTEX_ERRORCHECK && C.depthHeldBy(core::self()))
    return EBUSY;
  return C.tryAcquire(Loc) ? 0 : EBUSY;
}

int pthread_mutex_timedlock(pthread_mutex_t *M, const timespec *Abs) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(M, Ret))
    return real().MutexTimedLock(M, Abs);
  return lockTimed(M, CLOCK_REALTIME, Abs, Ret);
}

int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t Clock,
                            const timespec *Abs) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(M, Ret))
    return real().MutexClockLock(M, Clock, Abs);
  return lockTimed(M, Clock, Abs, Ret);
}

int pthread_mutex_unlock(pthread_mutex_t *M) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(M, Ret))
    return real().MutexUnlock(M);
  Inside In;
  std::source_location Loc = callerLocation(Ret);
  core::LockCore &C = mutexCore(M, Loc);
  if (kind(M) != PTHREAD_MUTEX_NORMAL && !C.depthHeldBy(core::self()))
    return EPERM;
  try {
    C.release(Loc);
  } catch (const weft::Error &) {
    return EPERM; // not locked at all
  }
  return 0;
}

} // extern "C"
