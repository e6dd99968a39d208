//===- runtime/lib/interpose/Mutex.h - pthread_mutex_t as a weft lock ----------===//
//
// The program's pthread_mutex_t (and so std::mutex, std::recursive_mutex,
// std::timed_mutex) is a weft LockCore: a normal or errorcheck mutex a
// Lock, a recursive one an RLock. The interposer owns the object's bytes:
// the mutex kind stays where glibc's initializers put it (__data.__kind, so
// PTHREAD_MUTEX_INITIALIZER, PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP and the
// constexpr std::mutex constructor all work) and the LockCore's address is
// kept in __data.__list, created at first use (a zeroed mutex has none).
//===----------------------------------------------------------------------===//
#ifndef WEFT_INTERPOSE_MUTEX_H
#define WEFT_INTERPOSE_MUTEX_H

#include <pthread.h>
#include <source_location>

namespace weft::core {
struct LockCore;
}

namespace weft::interpose {

/// The LockCore behind \p M, made now (at \p Loc) if it has none.
core::LockCore &mutexCore(pthread_mutex_t *M, const std::source_location &Loc);
/// The LockCore behind \p M, or null if it has none yet.
core::LockCore *existingMutexCore(pthread_mutex_t *M);

} // namespace weft::interpose

#endif
