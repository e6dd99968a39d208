// Both callers of the helper hold the lock.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void bump(void) { shared++; }

void *w1(void *a) {
  (void)a;
  pthread_mutex_lock(&mu);
  bump();
  pthread_mutex_unlock(&mu);
  return 0;
}

void *w2(void *a) {
  (void)a;
  pthread_mutex_lock(&mu);
  for (int i = 0; i < 3; i++)
    bump();
  pthread_mutex_unlock(&mu);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, w1, 0);
  pthread_create(&y, 0, w2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return shared;
}
