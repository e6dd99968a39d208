// Every access to hits is between lock wrappers defined in another file
// (Inputs/stats-lock.c): their summaries are applied at the calls, so the
// two threads share a lock and nothing is reported.
// RUN: %expect-exit 0 %weft analyze %s %S/Inputs/stats-lock.c --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

void stats_lock_take(void);
void stats_lock_give(void);

long hits;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    stats_lock_take();
    hits++;
    stats_lock_give();
  }
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return (int)(hits & 1);
}
