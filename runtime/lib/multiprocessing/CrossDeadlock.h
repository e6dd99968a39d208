//===- runtime/lib/multiprocessing/CrossDeadlock.h - deadlocks between processes -===//
//
// Each process's Monitor sees only its own actors, so a cycle of processes
// waiting for each other's cross-process locks (multiprocessing.Lock) is
// found here instead: an actor that waits for a SharedMutex puts itself in
// the run-wide table of waits (os_impl::RunShared), and every CheckEveryNs
// of waiting it follows owner -> the lock that owner waits for -> its owner
// ... A path back to itself, seen on two checks in a row, is a deadlock: no
// process of the cycle can ever go on. The member with the smallest key
// reports it (a `deadlock` finding in its trace, or `double-acquire` for a
// process waiting for a Lock it holds itself), ends the other processes of
// the cycle (SIGKILL: they would wait forever) and exits with
// WEFT_EXITCODE, as a deadlock within one process ends the run.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_MP_CROSSDEADLOCK_H
#define WEFT_RUNTIME_MP_CROSSDEADLOCK_H

#include <cstdint>
#include <source_location>

namespace weft::mp_impl {

struct SharedMutex;

inline constexpr int64_t CheckEveryNs = 100'000'000; // 0.1 s
/// CLOCK_MONOTONIC, in nanoseconds.
int64_t clockNow();

class WaitingFor {
public:
  WaitingFor(SharedMutex &M, const std::source_location &Loc);
  ~WaitingFor();
  WaitingFor(const WaitingFor &) = delete;
  WaitingFor &operator=(const WaitingFor &) = delete;
  /// Looks for a cycle through this wait (see above); may end the process.
  void check();

private:
  SharedMutex &M;
  int Slot = -1;
  unsigned Seen = 0;
};

} // namespace weft::mp_impl

#endif
