/* pthread_setname_np names a thread in weft's reports: the worker named
 * "teller" ends holding the mutex, and the report says so by that name.
 * RUN: %weft cc %s -o %t
 * RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
 * CHECK: thread-names.c:17:3: warning: thread 'teller' ends while still holding Lock 'vault' [missing-release]
 * CHECK-NEXT: thread-names.c:23:3: note: thread 'teller' was started here
 * CHECK-NEXT: 1 warning generated.
 */
#define _GNU_SOURCE
#include <pthread.h>

static pthread_mutex_t vault = PTHREAD_MUTEX_INITIALIZER;

static void *teller(void *arg) {
  (void)arg;
  pthread_setname_np(pthread_self(), "teller");
  pthread_mutex_lock(&vault);
  return NULL; /* forgets to unlock */
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, teller, NULL);
  pthread_join(t, NULL);
  return 0;
}
