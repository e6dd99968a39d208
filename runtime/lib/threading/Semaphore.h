//===- runtime/lib/threading/Semaphore.h - threading.Semaphore / BoundedSemaphore ---===//
//
// Happens-before: a release happens before the acquire that takes its unit.
//
// State: the free units and a WaitQueue of acquirers, under an
// InternalMutex. A release hands its units straight to the longest waiting
// acquirers (FIFO, no barging): each granted waiter owns a unit when it
// wakes, and a waiter that times out is out of the queue before anyone can
// hand it one, so no unit is lost. Events: SemReleased (flags: units, 255
// saturated) before the units change, SemAcquired after a unit is taken;
// the WaitQueue records WaitBlock / WaitWake.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_SEMAPHORE_H
#define WEFT_RUNTIME_SEMAPHORE_H

#include "core/Futex.h"
#include "core/WaitQueue.h"

#include <cstdint>
#include <optional>
#include <source_location>
#include <string_view>

namespace weft::core {

struct SemaphoreCore {
  /// ValueError("semaphore initial value must be >= 0").
  SemaphoreCore(bool Bounded, int Value, std::string_view Name,
                const std::source_location &Loc);

  /// Python's acquire(blocking, timeout); nullopt or -1: no timeout.
  bool acquire(bool Blocking, std::optional<double> Timeout,
               const std::source_location &Loc);
  void release(int N, const std::source_location &Loc);
  /// Waited on: freeing it now would strand the waiters.
  bool busy() const;
  uint32_t id() const { return Id; }

private:
  const bool Bounded;
  const int64_t Initial;
  int64_t Value; // free units
  uint32_t Id = 0;
  mutable InternalMutex Mu;
  WaitQueue Q;
};

} // namespace weft::core

#endif
