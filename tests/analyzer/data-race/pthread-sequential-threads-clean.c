// Threads are started and joined one after the other: never concurrent.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

int total;

void *add(void *p) {
  total += *(int *)p;
  return 0;
}

int main(void) {
  int v[3] = {1, 2, 3};
  for (int i = 0; i < 3; i++) {
    pthread_t t;
    pthread_create(&t, 0, add, &v[i]);
    pthread_join(t, 0);
  }
  total *= 2;
  return total;
}
