//===- runtime/lib/threading/Event.h - the state behind threading.Event -------------===//
//
// Happens-before: a set happens before each wait that returns true for it.
//
// State: the flag and a WaitQueue of waiters, under an InternalMutex. set()
// records EventSet before the flag changes (a release) and grants every
// waiter; a granted waiter returns true even if the flag was cleared again
// before it ran, as in Python. clear() records EventClear. wait() records
// EventWaited when it returns (flags=1: set). is_set() records nothing but
// is an acquire for ThreadSanitizer when it returns true.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_EVENT_H
#define WEFT_RUNTIME_EVENT_H

#include "core/Futex.h"
#include "core/WaitQueue.h"

#include <cstdint>
#include <optional>
#include <source_location>
#include <string_view>

namespace weft::core {

struct EventCore {
  EventCore(std::string_view Name, const std::source_location &Loc);

  void set(const std::source_location &Loc);
  void clear(const std::source_location &Loc);
  bool isSet() const;
  /// Python's wait(timeout): true if set (now or by the waker).
  bool wait(std::optional<double> Timeout, const std::source_location &Loc);
  /// Waited on: freeing it now would strand the waiters.
  bool busy() const;
  uint32_t id() const { return Id; }

private:
  bool Flag = false;
  uint32_t Id = 0;
  mutable InternalMutex Mu;
  WaitQueue Q;
};

} // namespace weft::core

#endif
