// pthread mutexes in opposite orders.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>
#include <stddef.h>

pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
int shared;

void *t1(void *arg) {
  pthread_mutex_lock(&m1);
  pthread_mutex_lock(&m2);
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'm1' and 'm2' are acquired in opposite orders [lock-order-inversion]
  shared++;
  pthread_mutex_unlock(&m2);
  pthread_mutex_unlock(&m1);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&m2);
  pthread_mutex_lock(&m1);
  shared--;
  pthread_mutex_unlock(&m1);
  pthread_mutex_unlock(&m2);
  return NULL;
}
