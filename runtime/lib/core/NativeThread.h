//===- runtime/lib/core/NativeThread.h - the C library's own thread calls ------===//
//
// The runtime starts, joins and detaches its OS threads through these and
// nothing else. In an ordinary weft program they are pthread_create & co.
// In a plain C/C++ program built with `weft c++ --plain`, pthread_create and
// friends are taken over by runtime/lib/interpose (docs/plain-programs.md):
// there a direct call would come back into the interposer, so that library
// supplies the C library's real functions through the weak weft_real_*
// hooks, and these calls use them when they are present.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_NATIVETHREAD_H
#define WEFT_RUNTIME_NATIVETHREAD_H

#include <pthread.h>
#include <time.h>

namespace weft::core::native {

int create(pthread_t *T, const pthread_attr_t *Attr, void *(*Fn)(void *),
           void *Arg);
int join(pthread_t T, void **Ret);
int timedJoin(pthread_t T, void **Ret, const timespec *AbsRealtime);
int detach(pthread_t T);

} // namespace weft::core::native

#endif
