//===- runtime/lib/core/Kernel.h - the one wait/wake kernel --------------------===//
//
// Every blocking operation of the runtime (lock, join, sleep; later
// condition, semaphore, queue, future, process wait) blocks and wakes
// through this interface and nothing else. That is what lets a controlled,
// deterministic scheduler replace the native back end: it implements the
// same five calls, runs one actor at a time and switches at park().
//
// The contract is the one of a per-actor permit (Java's LockSupport, Rust's
// thread::park):
//   - unpark(A) gives A a permit (at most one is kept);
//   - park(Self, Deadline) consumes the permit and returns Woken, or blocks
//     until unpark(Self) or until now() reaches Deadline (TimedOut);
//   - park may also return Woken spuriously (a permit left over from an
//     earlier hand-off). Callers therefore keep their real condition in
//     their own state, re-check it after every park, and loop.
// Nothing here assumes an actor is an OS thread: an actor is a record in
// the registry; how it runs (an OS thread, a fiber, a process) is the back
// end's business, which is why spawn() is part of the interface.
//
// Time is the kernel's: now() is CLOCK_MONOTONIC in the native back end and
// virtual time under the controlled scheduler. Deadlines are absolute
// nanoseconds on that clock, so a spurious wake-up never stretches a wait.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_KERNEL_H
#define WEFT_RUNTIME_KERNEL_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace weft::core {

struct Actor;

enum class Wake { Woken, TimedOut };

class Kernel {
public:
  virtual ~Kernel() = default;

  /// Blocks the calling actor \p Self (see the contract above).
  virtual Wake park(Actor &Self, std::optional<int64_t> DeadlineNs) = 0;
  /// Gives \p A a permit, waking it if it is parked.
  virtual void unpark(Actor &A) = 0;
  /// Nanoseconds on the kernel's monotonic clock.
  virtual int64_t now() const = 0;
  /// Starts running \p Body as actor \p A. False (and \p Error) if it could
  /// not be started.
  virtual bool spawn(Actor &A, std::function<void()> Body,
                     std::string &Error) = 0;
  /// spawn() whose OS thread can be joined: \p Handle is set to a nonzero
  /// handle for joinNative() / detachNative(), or to 0 when this back end
  /// has none (the controlled one: its actors end through park/unpark).
  /// Exactly one of the two must be called for each nonzero handle.
  virtual bool spawnJoinable(Actor &A, std::function<void()> Body,
                             std::string &Error, uint64_t &Handle) {
    Handle = 0;
    return spawn(A, std::move(Body), Error);
  }
  /// Blocks \p Self until the thread of \p Handle has exited entirely
  /// (every exit hook of the C library and of ThreadSanitizer has run).
  /// Like park(), it lets the Monitor see \p Self's events first unless
  /// \p Ended says the actor has already ended (the wait is then short).
  virtual void joinNative(Actor &Self, uint64_t Handle, bool Ended) {
    (void)Self, (void)Handle, (void)Ended;
  }
  /// Lets the thread of \p Handle go without a join.
  virtual void detachNative(uint64_t Handle) { (void)Handle; }

  /// Sleeps until now() >= \p DeadlineNs: timed parks, ignoring permits.
  /// (The controlled back end overrides it: a sleep ends only when virtual
  /// time gets there, never early.)
  virtual void sleepUntil(Actor &Self, int64_t DeadlineNs);
  /// now() + \p Seconds as a deadline (saturating; negative means now).
  int64_t deadlineAfter(double Seconds) const;
};

/// The back end in use (native until a controlled run installs another).
Kernel &kernel();
/// Makes \p K the back end (once, while the runtime is created, before any
/// other thread exists; see ControlledKernel.h).
void installKernel(Kernel *K);
/// The native back end's instance.
Kernel &nativeKernel();

/// The native back end: actors are OS threads, a permit is a futex word.
class NativeKernel final : public Kernel {
public:
  Wake park(Actor &Self, std::optional<int64_t> DeadlineNs) override;
  void unpark(Actor &A) override;
  int64_t now() const override;
  bool spawn(Actor &A, std::function<void()> Body,
             std::string &Error) override;
  bool spawnJoinable(Actor &A, std::function<void()> Body, std::string &Error,
                     uint64_t &Handle) override;
  void joinNative(Actor &Self, uint64_t Handle, bool Ended) override;
  void detachNative(uint64_t Handle) override;

private:
  bool create(std::function<void()> Body, bool Detached, std::string &Error,
              uint64_t &Handle);
};

} // namespace weft::core

#endif
