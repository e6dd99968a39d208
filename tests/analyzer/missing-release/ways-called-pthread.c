// C: a helper called from a thread body returns early with the mutex held
// on one path; it is reported although it has a caller.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

static pthread_mutex_t lk = PTHREAD_MUTEX_INITIALIZER;
static int stock = 3;

static int reserve(int n) {
  pthread_mutex_lock(&lk);
  // CHECK: [[@LINE-1]]:3: warning: 'lk' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
  if (n > stock)
    return 0;
  // CHECK-NEXT: :[[#@LINE-1]]:5: note: returns here with 'lk' held
  stock -= n;
  pthread_mutex_unlock(&lk);
  return 1;
}

static void *buyer(void *arg) {
  (void)arg;
  reserve(2);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, buyer, 0);
  reserve(2);
  pthread_join(t, 0);
  return 0;
}
