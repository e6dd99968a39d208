/* A C pthreads program: a worker returns early from inside its critical
 * section, still holding the mutex. Built with `weft cc`, the end of the
 * thread is reported as a missing release at the lock's line. The fixed
 * twin unlocks before returning.
 * RUN: %weft cc %s -o %t
 * RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
 * RUN: %weft cc -DFIXED %s -o %t.fixed
 * RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
 * CHECK: balance 5
 * CHECK-NEXT: missing-release.c:24:5: warning: thread 'Thread-1' ends while still holding Lock 'account_lock' [missing-release]
 * CHECK-NEXT: missing-release.c:37:3: note: thread 'Thread-1' was started here
 * CHECK-NEXT: 1 warning generated.
 * FIXED: balance 10
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t account_lock = PTHREAD_MUTEX_INITIALIZER;
static long balance = 0;

static void *deposit(void *arg) {
  long n = (long)arg;
  for (long i = 0; i < n; i++) {
    pthread_mutex_lock(&account_lock);
    balance += 1;
#ifndef FIXED
    if (balance == 5)
      return NULL; /* leaves with the lock held */
#endif
    pthread_mutex_unlock(&account_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, deposit, (void *)10L);
  pthread_join(t, NULL);
  printf("balance %ld\n", balance);
  return 0;
}
