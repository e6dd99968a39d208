//===- runtime/lib/threading/ThreadState.h - the actor behind a Thread --------------===//
//
// Happens-before: Thread.start happens before the child's first action; the
// child's last action happens before the join that sees it end.
//
// Shared between the Thread object and the running thread (shared_ptr), so
// a Thread destroyed while its daemon thread runs leaves a valid state.
// Before start, the name and daemon flag live here; from start on, in the
// Actor (the registry names actors in reports).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_THREADSTATE_H
#define WEFT_RUNTIME_THREADSTATE_H

#include "core/Futex.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace weft::threading {
class Thread;
}

namespace weft::core {

struct Actor;
struct Runtime;

struct ThreadState {
  enum class Phase { Initial, Started, Ended };

  InternalMutex Mu;
  Phase P = Phase::Initial;
  std::string Name;   // until started
  bool Daemon = false; // until started
  Actor *A = nullptr;  // from start on
  std::function<void()> Target;
  threading::Thread *Object = nullptr; // what current_thread() returns
  std::optional<uint64_t> Ident, NativeId;
  bool Begun = false;        // the child is running (start() may return)
  /// Parked until Begun: start() under the controlled scheduler, and
  /// native_id() of a thread that has not run yet.
  std::vector<Actor *> BeginWaiters;
  std::vector<Actor *> Joiners;
  /// The OS thread, joinable (Kernel::spawnJoinable; 0: none). The first
  /// untimed join claims it and waits for the thread's real exit; if none
  /// does, the state's end detaches it (Thread.cpp).
  uint64_t Native = 0;
  bool NativeClaimed = false;

  ThreadState() = default;
  ThreadState(const ThreadState &) = delete;
  ThreadState &operator=(const ThreadState &) = delete;
  ~ThreadState();
};

namespace threading_impl {
/// Registers the main thread as actor 1 (called while creating the runtime).
Actor &createMainThread(Runtime &R);
/// Fills in the main thread's ident (on the main thread).
void bindMainThread(Runtime &R);
/// A "Dummy-N" actor for the calling thread, which weft did not start.
Actor &adoptForeignThread(Runtime &R);
/// Python's threading._shutdown: joins every non-daemon thread (except
/// \p Me and the main thread).
void joinNonDaemonThreads(Runtime &R, Actor &Me);
} // namespace threading_impl

} // namespace weft::core

#endif
