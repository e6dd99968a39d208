// The increment happens in a helper; only one caller takes the lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void bump(void) {
  // CHECK: :[[@LINE+1]]:3: warning: data race on 'shared': written here by thread 'locked_worker' (holding 'mu') and written at line [[#@LINE+1]] by thread 'unlocked_worker' (no lock held) [data-race]
  shared++;
}
// CHECK-NEXT: through the call to 'bump' here
// CHECK-NEXT: note: conflicting write of 'shared' by thread 'unlocked_worker' (no lock held)
// CHECK-NEXT: through the call to 'bump' here
// CHECK-NEXT: note: thread 'locked_worker' started here (pthread_create)
// CHECK-NEXT: note: thread 'unlocked_worker' started here (pthread_create)

void *locked_worker(void *a) {
  (void)a;
  pthread_mutex_lock(&mu);
  bump();
  pthread_mutex_unlock(&mu);
  return 0;
}

void *unlocked_worker(void *a) {
  (void)a;
  bump();
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, locked_worker, 0);
  pthread_create(&y, 0, unlocked_worker, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return shared;
}
