//===- runtime/lib/TsanAnnotations.h - let ThreadSanitizer see primitives -===//
//
// WEFT_TSAN_* tell ThreadSanitizer about the runtime's happens-before edges
// (a release happens before the acquire that next obtains the lock; start
// before the child's first action; the child's last action before join).
// They expand to nothing unless the runtime is compiled for TSan:
//   - with -fsanitize=thread (__has_feature(thread_sanitizer) or
//     __SANITIZE_THREAD__), or
//   - with -DWEFT_TSAN_ANNOTATIONS=1 in an uninstrumented build of the
//     runtime that is linked into a -fsanitize=thread program. That is the
//     preferred TSan build: TSan then sees only these annotations, never the
//     runtime's internal atomics and futexes, which would otherwise order
//     unrelated user operations and hide races.
//
// In the preferred build the runtime's own memory traffic still reaches TSan
// through its interceptors (memcpy, operator new/delete); every runtime entry
// point therefore opens WEFT_TSAN_IGNORE_ACCESSES() (ignore reads and writes,
// not synchronization, so the annotations still count). User code (a
// thread's run()) never runs inside such a scope.
//
// Lock uses plain release/acquire on the lock's address (any thread may
// release a Lock; TSan's mutex model would call that a bad unlock). RLock
// uses the mutex annotations (it has an owner).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_TSANANNOTATIONS_H
#define WEFT_RUNTIME_TSANANNOTATIONS_H

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_TSAN_ENABLED 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(WEFT_TSAN_ANNOTATIONS)
#ifndef WEFT_TSAN_ENABLED
#define WEFT_TSAN_ENABLED 1
#endif
#endif

#ifdef WEFT_TSAN_ENABLED
#include <sanitizer/tsan_interface.h>
#define WEFT_TSAN_FLAG_REENTRANT __tsan_mutex_write_reentrant
#define WEFT_TSAN_FLAG_TRY_LOCK __tsan_mutex_try_lock
#define WEFT_TSAN_FLAG_TRY_LOCK_FAILED __tsan_mutex_try_lock_failed
#define WEFT_TSAN_MUTEX_CREATE(Addr, Flags) __tsan_mutex_create(Addr, Flags)
#define WEFT_TSAN_MUTEX_DESTROY(Addr) __tsan_mutex_destroy(Addr, 0)
#define WEFT_TSAN_MUTEX_PRE_LOCK(Addr, Flags) __tsan_mutex_pre_lock(Addr, Flags)
#define WEFT_TSAN_MUTEX_POST_LOCK(Addr, Flags, Rec)                            \
  __tsan_mutex_post_lock(Addr, Flags, Rec)
#define WEFT_TSAN_MUTEX_PRE_UNLOCK(Addr) __tsan_mutex_pre_unlock(Addr, 0)
#define WEFT_TSAN_MUTEX_POST_UNLOCK(Addr) __tsan_mutex_post_unlock(Addr, 0)
#define WEFT_TSAN_RELEASE(Addr) __tsan_release(Addr)
#define WEFT_TSAN_ACQUIRE(Addr) __tsan_acquire(Addr)
extern "C" void __tsan_ignore_thread_begin(void);
extern "C" void __tsan_ignore_thread_end(void);
namespace weft::core {
struct TsanIgnoreAccesses {
  TsanIgnoreAccesses() { __tsan_ignore_thread_begin(); }
  ~TsanIgnoreAccesses() { __tsan_ignore_thread_end(); }
  TsanIgnoreAccesses(const TsanIgnoreAccesses &) = delete;
  TsanIgnoreAccesses &operator=(const TsanIgnoreAccesses &) = delete;
};
} // namespace weft::core
#define WEFT_TSAN_IGNORE_ACCESSES()                                            \
  ::weft::core::TsanIgnoreAccesses WeftTsanIgnoreScope
#else
#define WEFT_TSAN_FLAG_REENTRANT 0u
#define WEFT_TSAN_FLAG_TRY_LOCK 0u
#define WEFT_TSAN_FLAG_TRY_LOCK_FAILED 0u
#define WEFT_TSAN_MUTEX_CREATE(Addr, Flags) ((void)(Addr), (void)(Flags))
#define WEFT_TSAN_MUTEX_DESTROY(Addr) ((void)(Addr))
#define WEFT_TSAN_MUTEX_PRE_LOCK(Addr, Flags) ((void)(Addr), (void)(Flags))
#define WEFT_TSAN_MUTEX_POST_LOCK(Addr, Flags, Rec)                            \
  ((void)(Addr), (void)(Flags), (void)(Rec))
#define WEFT_TSAN_MUTEX_PRE_UNLOCK(Addr) ((void)(Addr))
#define WEFT_TSAN_MUTEX_POST_UNLOCK(Addr) ((void)(Addr))
#define WEFT_TSAN_RELEASE(Addr) ((void)(Addr))
#define WEFT_TSAN_ACQUIRE(Addr) ((void)(Addr))
#define WEFT_TSAN_IGNORE_ACCESSES() ((void)0)
#endif

#endif
