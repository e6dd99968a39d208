// Two pthreads increment a global counter without a lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>

int counter = 0;

void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100000; i++)
    // CHECK: :[[@LINE+1]]:5: warning: data race on 'counter': written here by thread 'worker' (no lock held) and written at line [[#@LINE+1]] by another instance of thread 'worker' (no lock held) [data-race]
    counter++;
  return NULL;
}
// CHECK-NEXT: :[[#@LINE-3]]:5: note: conflicting write of 'counter' by another instance of thread 'worker' (no lock held)
// CHECK-NEXT: :[[#@LINE+5]]:5: note: thread 'worker' started here (pthread_create), several instances at once

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("%d\n", counter);
  return 0;
}
