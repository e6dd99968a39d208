//===- runtime/lib/tsan/TsanAnnotations.h - let ThreadSanitizer see primitives -===//
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
// point therefore opens WEFT_TSAN_IGNORE_ACCESSES(), which ignores reads and
// writes and the synchronization of intercepted calls; the WEFT_TSAN_*
// annotations step out of it so that they still count. User code (a
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
// Addresses may be const (a const member function's `this`): TSan only
// uses them as keys.
#define WEFT_TSAN_ADDR(Addr) const_cast<void *>(static_cast<const void *>(Addr))
namespace weft::core {
/// Open ignore scopes of this thread. Only the outermost one tells TSan.
inline thread_local int TsanIgnoreDepth = 0;
/// An ignore scope: TSan neither checks the runtime's own reads and writes
/// nor sees the synchronization it does through intercepted libc calls (the
/// trace writer's std::mutex, write(2) on the trace file...), which would
/// otherwise order every pair of weft calls and hide the program's races.
///
/// It is opened with __tsan_mutex_pre_signal and closed with
/// __tsan_mutex_post_signal (the addresses are not used): they begin and
/// end both ignores, of accesses and of synchronization, without storing
/// the caller's stack. __tsan_ignore_thread_begin and
/// AnnotateIgnoreSyncBegin each store one in TSan's stack depot, which cost
/// about 8% of a contended lock loop (bench/README.md).
struct TsanIgnoreAccesses {
  TsanIgnoreAccesses() {
    if (TsanIgnoreDepth++ == 0)
      __tsan_mutex_pre_signal(nullptr, 0);
  }
  ~TsanIgnoreAccesses() {
    if (TsanIgnoreDepth > 0 && --TsanIgnoreDepth == 0)
      __tsan_mutex_post_signal(nullptr, 0);
  }
  TsanIgnoreAccesses(const TsanIgnoreAccesses &) = delete;
  TsanIgnoreAccesses &operator=(const TsanIgnoreAccesses &) = delete;
};
/// The annotations themselves must count: leaves the open scope around one
/// annotation (__tsan_mutex_pre_divert / post_divert: both ignores end and
/// begin again, again without a stack).
template <class Fn> inline void tsanAnnotate(Fn F) {
  bool Open = TsanIgnoreDepth > 0;
  if (Open)
    __tsan_mutex_pre_divert(nullptr, 0);
  F();
  if (Open)
    __tsan_mutex_post_divert(nullptr, 0);
}
/// Ends the open scope: TSan reports "main thread finished with ignores
/// enabled" (and dies) when the process _exit()s inside one.
inline void tsanEndIgnoresForExit() {
  if (TsanIgnoreDepth > 0)
    __tsan_mutex_post_signal(nullptr, 0);
  TsanIgnoreDepth = 0;
}
} // namespace weft::core
#define WEFT_TSAN_ANNOTATE(...) ::weft::core::tsanAnnotate([&] { __VA_ARGS__; })
#define WEFT_TSAN_MUTEX_CREATE(Addr, Flags)                                    \
  WEFT_TSAN_ANNOTATE(__tsan_mutex_create(WEFT_TSAN_ADDR(Addr), Flags))
#define WEFT_TSAN_MUTEX_DESTROY(Addr)                                          \
  WEFT_TSAN_ANNOTATE(__tsan_mutex_destroy(WEFT_TSAN_ADDR(Addr), 0))
#define WEFT_TSAN_MUTEX_PRE_LOCK(Addr, Flags)                                  \
  WEFT_TSAN_ANNOTATE(__tsan_mutex_pre_lock(WEFT_TSAN_ADDR(Addr), Flags))
#define WEFT_TSAN_MUTEX_POST_LOCK(Addr, Flags, Rec)                            \
  WEFT_TSAN_ANNOTATE(__tsan_mutex_post_lock(WEFT_TSAN_ADDR(Addr), Flags, Rec))
#define WEFT_TSAN_MUTEX_PRE_UNLOCK(Addr)                                       \
  WEFT_TSAN_ANNOTATE(__tsan_mutex_pre_unlock(WEFT_TSAN_ADDR(Addr), 0))
#define WEFT_TSAN_MUTEX_POST_UNLOCK(Addr)                                      \
  WEFT_TSAN_ANNOTATE(__tsan_mutex_post_unlock(WEFT_TSAN_ADDR(Addr), 0))
#define WEFT_TSAN_RELEASE(Addr)                                                \
  WEFT_TSAN_ANNOTATE(__tsan_release(WEFT_TSAN_ADDR(Addr)))
#define WEFT_TSAN_ACQUIRE(Addr)                                                \
  WEFT_TSAN_ANNOTATE(__tsan_acquire(WEFT_TSAN_ADDR(Addr)))
#define WEFT_TSAN_IGNORE_ACCESSES()                                            \
  ::weft::core::TsanIgnoreAccesses WeftTsanIgnoreScope
/// Right before the runtime calls _exit() from inside an ignore scope.
#define WEFT_TSAN_BEFORE_EXIT() ::weft::core::tsanEndIgnoresForExit()
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
#define WEFT_TSAN_BEFORE_EXIT() ((void)0)
#endif

#endif
