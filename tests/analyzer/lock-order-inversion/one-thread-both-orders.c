// The twin of one-thread-both-orders-clean.c: the second phase runs on
// the other thread, at the same time as the first: a deadlock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int moved;

static void phase_one(void) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'a' and 'b' are acquired in opposite orders [lock-order-inversion]
  moved++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
}

static void phase_two(void) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  moved--;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
}

static void *mover(void *arg) {
  (void)arg;
  phase_one();
  return 0;
}

static void *idler(void *arg) {
  phase_two();
  return arg;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, mover, 0);
  pthread_create(&y, 0, idler, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return moved;
}
