//===- runtime/lib/interpose/Real.h - the C library's functions behind ours ----===//
//
// The interposition library (docs/plain-programs.md) defines pthread_create,
// pthread_mutex_lock, pthread_cond_wait... in the program itself, so every
// call, the program's and libstdc++'s (std::thread, std::mutex,
// std::condition_variable), comes here first. The C library's own
// functions are found with dlsym(RTLD_NEXT) and used for what is not taken
// over: calls made while the runtime itself is working (Inside), and mutex
// calls that do not come from the program's code (the C++ library's own
// internal mutexes).
//===----------------------------------------------------------------------===//
#ifndef WEFT_INTERPOSE_REAL_H
#define WEFT_INTERPOSE_REAL_H

#include <pthread.h>
#include <time.h>

namespace weft::interpose {

struct RealFunctions {
  int (*Create)(pthread_t *, const pthread_attr_t *, void *(*)(void *),
                void *);
  int (*Join)(pthread_t, void **);
  int (*TimedJoin)(pthread_t, void **, const timespec *);
  int (*Detach)(pthread_t);
  void (*Exit)(void *); // does not return
  int (*SetName)(pthread_t, const char *);
  int (*MutexInit)(pthread_mutex_t *, const pthread_mutexattr_t *);
  int (*MutexDestroy)(pthread_mutex_t *);
  int (*MutexLock)(pthread_mutex_t *);
  int (*MutexTryLock)(pthread_mutex_t *);
  int (*MutexTimedLock)(pthread_mutex_t *, const timespec *);
  int (*MutexClockLock)(pthread_mutex_t *, clockid_t, const timespec *);
  int (*MutexUnlock)(pthread_mutex_t *);
  int (*NanoSleep)(const timespec *, timespec *);
  int (*ClockNanoSleep)(clockid_t, int, const timespec *, timespec *);
  int (*USleep)(unsigned);
  unsigned (*Sleep)(unsigned);
};

/// The C library's functions (resolved once).
const RealFunctions &real();

/// Whether the calling thread is inside the runtime on behalf of a call
/// that was taken over (nested calls then go to the C library), or is one
/// of weft's own threads.
bool inside();
/// Marks the calling thread as inside the runtime for its lifetime.
struct Inside {
  Inside();
  ~Inside();
  Inside(const Inside &) = delete;
  Inside &operator=(const Inside &) = delete;
};

} // namespace weft::interpose

#endif
