// C and pthreads: an error path returns NULL with the mutex locked.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int counter;

void *worker(void *arg) {
  int limit = *(int *)arg;
  pthread_mutex_lock(&m);
  // CHECK: [[@LINE-1]]:3: warning: 'm' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
  if (counter >= limit)
    return NULL;
  counter++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  int limit = 10;
  pthread_create(&t, NULL, worker, &limit);
  pthread_join(t, NULL);
  return 0;
}
