//===- runtime/lib/core/NativeThread.cpp - the C library's own thread calls ----===//
#include "core/NativeThread.h"

// Defined only by the interposition library (runtime/lib/interpose/Real.cpp).
extern "C" {
__attribute__((weak)) int weft_real_pthread_create(pthread_t *,
                                                   const pthread_attr_t *,
                                                   void *(*)(void *), void *);
__attribute__((weak)) int weft_real_pthread_join(pthread_t, void **);
__attribute__((weak)) int weft_real_pthread_timedjoin_np(pthread_t, void **,
                                                         const timespec *);
__attribute__((weak)) int weft_real_pthread_detach(pthread_t);
}

namespace weft::core::native {

int create(pthread_t *T, const pthread_attr_t *Attr, void *(*Fn)(void *),
           void *Arg) {
  if (weft_real_pthread_create)
    return weft_real_pthread_create(T, Attr, Fn, Arg);
  return pthread_create(T, Attr, Fn, Arg);
}

int join(pthread_t T, void **Ret) {
  if (weft_real_pthread_join)
    return weft_real_pthread_join(T, Ret);
  return pthread_join(T, Ret);
}

int timedJoin(pthread_t T, void **Ret, const timespec *AbsRealtime) {
  if (weft_real_pthread_timedjoin_np)
    return weft_real_pthread_timedjoin_np(T, Ret, AbsRealtime);
  return pthread_timedjoin_np(T, Ret, AbsRealtime);
}

int detach(pthread_t T) {
  if (weft_real_pthread_detach)
    return weft_real_pthread_detach(T);
  return pthread_detach(T);
}

} // namespace weft::core::native
