// Threads write results[id] where id is their argument.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
long results[N];

void *work(void *arg) {
  long id = (long)(intptr_t)arg;
  for (int i = 0; i < 100; i++)
    results[id] += i;
  return 0;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], 0, work, (void *)(intptr_t)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], 0);
  long s = 0;
  for (int i = 0; i < N; i++)
    s += results[i];
  printf("%ld\n", s);
  return 0;
}
