// Old C without races: analyzed (no error), nothing reported; the note
// on stderr says how it was read.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>/dev/null | count 0
// REQUIRES: analyzer
#include <pthread.h>

static total;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  total += add_one(1);
  pthread_mutex_unlock(&m);
  return arg;
}

add_one(x) int x; { return x + 1; }

main() {
  pthread_t t1, t2;
  pthread_create(&t1, 0, worker, 0);
  pthread_create(&t2, 0, worker, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return total;
}
