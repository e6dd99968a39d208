// main reads the counter while the worker still runs (before join).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>

long total;

void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    // CHECK: :[[@LINE+1]]:5: warning: data race on 'total': written here by thread 'worker' (no lock held) and read at line [[#@LINE+8]] by 'main' while the threads it started run (no lock held) [data-race]
    total += i;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  printf("%ld\n", total);
  pthread_join(t, 0);
  return 0;
}
