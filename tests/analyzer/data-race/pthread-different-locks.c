// Two threads protect the same variable with two different locks.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
int value;

void *t1(void *p) {
  (void)p;
  pthread_mutex_lock(&a);
  // CHECK: :[[@LINE+1]]:3: warning: data race on 'value': written here by thread 't1' (holding 'a') and written at line [[#@LINE+9]] by thread 't2' (holding 'b') [data-race]
  value = 1;
  pthread_mutex_unlock(&a);
  return 0;
}

void *t2(void *p) {
  (void)p;
  pthread_mutex_lock(&b);
  value = 2;
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, t1, 0);
  pthread_create(&y, 0, t2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return value;
}
