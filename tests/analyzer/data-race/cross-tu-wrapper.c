// One thread takes the wrapper lock (defined in Inputs/stats-lock.c), the
// other forgets it: the race is found, and the locked side is named as
// holding the other file's lock.
// RUN: %expect-exit 1 %weft analyze %s %S/Inputs/stats-lock.c --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

void stats_lock_take(void);
void stats_lock_give(void);

long hits;

static void *careful(void *arg) {
  (void)arg;
  stats_lock_take();
  hits++;
  // CHECK: [[@LINE-1]]:3: warning: data race on 'hits': written here by thread 'careful' (holding 'stats_lock') and written at line [[#@LINE+7]] by thread 'careless' (no lock held) [data-race]
  stats_lock_give();
  return 0;
}

static void *careless(void *arg) {
  (void)arg;
  hits++;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, careful, 0);
  pthread_create(&b, 0, careless, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return (int)(hits & 1);
}
