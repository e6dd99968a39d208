//===- runtime/lib/interpose/Real.cpp - the C library's functions behind ours --===//
#include "interpose/Real.h"

#include "core/Actor.h"

#include <dlfcn.h>
#include <unistd.h>

namespace weft::interpose {
namespace {

thread_local int Depth = 0;

template <typename Fn> void resolve(Fn &Out, const char *Name) {
  Out = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, Name));
  if (!Out) {
    static const char Msg[] = "weft: fatal: the C library has no ";
    ssize_t R = ::write(2, Msg, sizeof(Msg) - 1);
    R = ::write(2, Name, __builtin_strlen(Name));
    R = ::write(2, "\n", 1);
    (void)R;
    ::_exit(70);
  }
}

RealFunctions load() {
  RealFunctions F{};
  resolve(F.Create, "pthread_create");
  resolve(F.Join, "pthread_join");
  resolve(F.TimedJoin, "pthread_timedjoin_np");
  resolve(F.Detach, "pthread_detach");
  resolve(F.Exit, "pthread_exit");
  resolve(F.SetName, "pthread_setname_np");
  resolve(F.MutexInit, "pthread_mutex_init");
  resolve(F.MutexDestroy, "pthread_mutex_destroy");
  resolve(F.MutexLock, "pthread_mutex_lock");
  resolve(F.MutexTryLock, "pthread_mutex_trylock");
  resolve(F.MutexTimedLock, "pthread_mutex_timedlock");
  resolve(F.MutexClockLock, "pthread_mutex_clocklock");
  resolve(F.MutexUnlock, "pthread_mutex_unlock");
  resolve(F.NanoSleep, "nanosleep");
  resolve(F.ClockNanoSleep, "clock_nanosleep");
  resolve(F.USleep, "usleep");
  resolve(F.Sleep, "sleep");
  return F;
}

} // namespace

const RealFunctions &real() {
  static const RealFunctions F = load();
  return F;
}

bool inside() {
  // A thread with no actor that is not the main thread is one of weft's
  // own (the controlled scheduler's watchdog): never the program's, since
  // every thread the program starts goes through pthread_create here.
  return Depth > 0 || (!core::boundActor() && ::gettid() != ::getpid());
}
Inside::Inside() { ++Depth; }
Inside::~Inside() { --Depth; }

} // namespace weft::interpose

// The hooks core/NativeThread.cpp uses for the runtime's own threads.
extern "C" {
int weft_real_pthread_create(pthread_t *T, const pthread_attr_t *A,
                             void *(*Fn)(void *), void *Arg) {
  return weft::interpose::real().Create(T, A, Fn, Arg);
}
int weft_real_pthread_join(pthread_t T, void **Ret) {
  return weft::interpose::real().Join(T, Ret);
}
int weft_real_pthread_timedjoin_np(pthread_t T, void **Ret,
                                   const timespec *Abs) {
  return weft::interpose::real().TimedJoin(T, Ret, Abs);
}
int weft_real_pthread_detach(pthread_t T) {
  return weft::interpose::real().Detach(T);
}
}
