// Two fixed elements of one array of locks are two different locks: a
// counter written under locks[0] by one thread and under locks[1] by the
// other is a race (the lock class applies to variable indexes only).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

pthread_mutex_t locks[2] = {PTHREAD_MUTEX_INITIALIZER,
                            PTHREAD_MUTEX_INITIALIZER};
long total;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&locks[0]);
  total++;
  // CHECK: [[@LINE-1]]:3: warning: data race on 'total': written here by thread 'first' (holding 'locks[0]') and written at line [[#@LINE+8]] by thread 'second' (holding 'locks[1]') [data-race]
  pthread_mutex_unlock(&locks[0]);
  return 0;
}

static void *second(void *arg) {
  (void)arg;
  pthread_mutex_lock(&locks[1]);
  total++;
  pthread_mutex_unlock(&locks[1]);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, first, 0);
  pthread_create(&b, 0, second, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
