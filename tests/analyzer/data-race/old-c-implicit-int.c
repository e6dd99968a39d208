// Old C that clang 19 rejects by default (implicit int, a call of an
// undeclared function) is analyzed as GCC-compatible C would, said once
// for the file on stderr; its race is found.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not="old C"
// CHECK: weft: note: {{.*}}old-c-implicit-int.c: old C (implicit int or implicit function declarations) analyzed as GCC-compatible C would
// REQUIRES: analyzer
#include <pthread.h>

static counter;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *worker(void *arg) {
  bump();
  counter++;
  // CHECK: [[@LINE-1]]:3: warning: data race on 'counter': written here by thread 'worker' (no lock held) and written at line [[#@LINE+6]] by thread 'worker' (holding 'm') [data-race]
  return arg;
}

bump() {
  pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
}

main() {
  pthread_t t1, t2;
  pthread_create(&t1, 0, worker, 0);
  pthread_create(&t2, 0, worker, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return counter;
}
