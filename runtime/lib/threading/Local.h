//===- runtime/lib/threading/Local.h - the storage behind threading.local -----------===//
//
// Happens-before: none (each value is only ever seen by its own thread).
//
// One slot per (actor, local object), in one table under an InternalMutex:
// a thread sees only its own slots, and actor ids are never reused, so a
// value set by one thread is absent in every other. A thread's values are
// destroyed when its run() has returned (before its joiners wake, so after
// join() they are gone, as in Python); a local's values in every thread are
// destroyed with the local. Values are destroyed outside the mutex: their
// destructors are user code.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_LOCAL_H
#define WEFT_RUNTIME_LOCAL_H

namespace weft::core {

struct Actor;

/// Destroys every threading.local value of \p A (its thread has ended).
void localsThreadEnded(Actor &A);

} // namespace weft::core

#endif
