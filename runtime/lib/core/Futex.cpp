//===- runtime/lib/core/Futex.cpp - futex system calls and the internal mutex --===//
#include "core/Futex.h"

#include "sched/ControlledKernel.h"

#include <cerrno>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft::core {

int sysFutexWait(std::atomic<uint32_t> &Word, uint32_t Expected,
                 const timespec *AbsMonotonic, FutexScope Scope) {
  // FUTEX_WAIT_BITSET takes an absolute deadline on CLOCK_MONOTONIC (no
  // FUTEX_CLOCK_REALTIME flag), so a retry after EINTR keeps the deadline.
  const int Op = Scope == FutexScope::Process ? FUTEX_WAIT_BITSET_PRIVATE
                                              : FUTEX_WAIT_BITSET;
  long R = ::syscall(SYS_futex, reinterpret_cast<uint32_t *>(&Word), Op,
                     Expected, AbsMonotonic, nullptr, FUTEX_BITSET_MATCH_ANY);
  return R == 0 ? 0 : errno;
}

void sysFutexWake(std::atomic<uint32_t> &Word, int Count, FutexScope Scope) {
  const int Op =
      Scope == FutexScope::Process ? FUTEX_WAKE_PRIVATE : FUTEX_WAKE;
  ::syscall(SYS_futex, reinterpret_cast<uint32_t *>(&Word), Op, Count,
            nullptr, nullptr, 0);
}

int futexWait(std::atomic<uint32_t> &Word, uint32_t Expected,
              const timespec *AbsMonotonic) {
  return sysFutexWait(Word, Expected, AbsMonotonic, FutexScope::Process);
}

void futexWake(std::atomic<uint32_t> &Word, int Count) {
  if (ControlledMode) [[unlikely]] // actors blocked on Word may run again
    controlledWordReleased(Word);
  sysFutexWake(Word, Count, FutexScope::Process);
}

void InternalMutex::lockSlow(uint32_t C) {
  // Under the controlled scheduler the holder may be an actor waiting for
  // its turn: block in the scheduler, not in the OS (ControlledKernel.h).
  if (ControlledMode && controlledLockContended(State)) [[unlikely]]
    return;
  // A short spin first: the critical sections are tiny.
  for (int I = 0; I < 100; ++I) {
    C = 0;
    if (State.compare_exchange_weak(C, 1, std::memory_order_acquire))
      return;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  if (C != 2)
    C = State.exchange(2, std::memory_order_acquire);
  while (C != 0) {
    futexWait(State, 2, nullptr);
    C = State.exchange(2, std::memory_order_acquire);
  }
}

} // namespace weft::core
