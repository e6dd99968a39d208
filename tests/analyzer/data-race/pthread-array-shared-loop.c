// Every thread updates every element of a global array: a race.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

int hist[10];

void *fill(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++)
    // CHECK: :[[@LINE+1]]:5: warning: data race on 'hist[*]'
    hist[i] += 1;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, fill, 0);
  pthread_create(&b, 0, fill, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return hist[0];
}
