//===- runtime/lib/multiprocessing/SharedMemory.h - state shared by processes -===//
//
// Cross-process primitives keep their state in a MAP_SHARED anonymous
// mapping made when they are created: a forked child inherits it at the
// same address, so the address names the object in every process of the
// run. Waiting uses shared (not private) futexes on words in that memory.
//
// SharedMutex is the lock under multiprocessing.Lock and the queue's
// reader and writer locks: 0 free, 1 held, 2 held with waiters; Owner is
// the holder's run-wide actor key (pid << 16 | actor id), kept for the
// cross-process deadlock check (CrossDeadlock.h).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_MP_SHAREDMEMORY_H
#define WEFT_RUNTIME_MP_SHAREDMEMORY_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <source_location>

namespace weft::mp_impl {

/// \p Bytes of zeroed memory shared with every process forked later
/// (never freed: a child may still use it). OSError if the system refuses.
void *sharedAlloc(size_t Bytes);
template <class T> T *sharedNew() { return new (sharedAlloc(sizeof(T))) T(); }


/// The calling actor's run-wide key: pid << 16 | actor id.
uint64_t selfKey();

/// A place in the program, in shared memory (fixed size).
struct SharedSite {
  char File[200] = {};
  uint32_t Line = 0, Column = 0;
  void set(const std::source_location &L);
};
/// "process 'Process-1'" (its thread too when it is not the main one).
void selfDescription(char (&Out)[80]);

struct SharedMutex {
  std::atomic<uint32_t> Word{0};
  std::atomic<uint64_t> Owner{0};
  /// For reports: "Lock (created at x.cpp:12)", the holder and where it
  /// took the lock.
  char Name[120] = {};
  char OwnerName[80] = {};
  SharedSite OwnerSite;
};
/// Takes \p M for the code at \p Loc, waiting until \p DeadlineNs at most
/// (none: forever; 0: one try). The wait lets the Monitor see this
/// process's events first and takes part in the cross-process deadlock
/// check (which ends the run with a finding instead of a hang).
bool acquireShared(SharedMutex &M, std::optional<int64_t> DeadlineNs,
                   const std::source_location &Loc);
void releaseShared(SharedMutex &M);

} // namespace weft::mp_impl

#endif
