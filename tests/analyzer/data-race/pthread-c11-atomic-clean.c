// C11 atomics and GCC builtins: no race.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdatomic.h>

atomic_int hits;
_Atomic long misses;
long builtin_count;

void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    atomic_fetch_add(&hits, 1);
    misses++;
    __sync_fetch_and_add(&builtin_count, 1);
  }
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, work, 0);
  pthread_create(&b, 0, work, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return (int)(hits + misses);
}
