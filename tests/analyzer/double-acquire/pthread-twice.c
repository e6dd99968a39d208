// pthread mutex locked twice on one path.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int shared;

void f(int x) {
  pthread_mutex_lock(&m);
  if (x > 0)
    shared = x;
  pthread_mutex_lock(&m);
  // CHECK: [[@LINE-1]]:3: error: 'm' acquired here while already held by this thread (self-deadlock) [double-acquire]
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&m);
}
