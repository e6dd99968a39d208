//===- runtime/lib/core/Futex.h - futex system calls and the internal mutex ----===//
//
// The runtime's only OS-level blocking calls. Their users:
//   - the native Kernel back end parks an actor on its parking word;
//   - InternalMutex guards a primitive's few words of state;
//   - the controlled scheduler's turn words (sysFutex*, un-hooked);
//   - multiprocessing's state shared between processes (FutexScope::Shared).
//
// InternalMutex is held only for a handful of instructions (plus the
// recorder's bookkeeping) and never across a park, so under the controlled
// scheduler, which switches actors only at parks, it never contends. It is
// not a pthread mutex on purpose: ThreadSanitizer intercepts pthread mutexes
// and would see the runtime's internal locking as happens-before edges
// between unrelated user operations, hiding real races.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_FUTEX_H
#define WEFT_RUNTIME_FUTEX_H

#include <atomic>
#include <cstdint>
#include <ctime>

namespace weft::core {

/// Waits while *Word == Expected, at most until \p AbsMonotonic (null:
/// forever). Returns 0 when woken (or spuriously), or an errno value
/// (ETIMEDOUT, EAGAIN when *Word != Expected, EINTR).
int futexWait(std::atomic<uint32_t> &Word, uint32_t Expected,
              const timespec *AbsMonotonic);
/// Wakes up to \p Count waiters on \p Word.
void futexWake(std::atomic<uint32_t> &Word, int Count);

/// Which waiters a futex call reaches: this process's (the cheaper private
/// futex), or any process that maps the word (memory shared by fork,
/// MAP_SHARED: multiprocessing's cross-process state).
enum class FutexScope { Process, Shared };

/// The system calls themselves, with none of the controlled scheduler's
/// hooks that futexWake has: for the scheduler's own turn words and for
/// words shared between processes (which no one process's scheduler sees).
/// Same results as futexWait.
int sysFutexWait(std::atomic<uint32_t> &Word, uint32_t Expected,
                 const timespec *AbsMonotonic, FutexScope Scope);
void sysFutexWake(std::atomic<uint32_t> &Word, int Count, FutexScope Scope);

/// A small futex mutex (Drepper's "Futexes are tricky", mutex 2). Lockable,
/// so std::lock_guard / std::unique_lock work with it.
class InternalMutex {
public:
  void lock() {
    uint32_t C = 0;
    if (State.compare_exchange_strong(C, 1, std::memory_order_acquire))
      return;
    lockSlow(C);
  }
  bool try_lock() {
    uint32_t C = 0;
    return State.compare_exchange_strong(C, 1, std::memory_order_acquire);
  }
  void unlock() {
    if (State.exchange(0, std::memory_order_release) == 2)
      futexWake(State, 1);
  }

private:
  void lockSlow(uint32_t C);
  // 0 unlocked, 1 locked, 2 locked and maybe waiters.
  std::atomic<uint32_t> State{0};
};

} // namespace weft::core

#endif
