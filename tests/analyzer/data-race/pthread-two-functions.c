// A producer writes a flag and data, a consumer reads them: no lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>

int data;
int ready;

void *producer(void *arg) {
  (void)arg;
  // CHECK: :[[@LINE+1]]:3: warning: data race on 'data': written here by thread 'producer' (no lock held) and read at line [[#@LINE+11]] by thread 'consumer' (no lock held) [data-race]
  data = 42;
  ready = 1;
  return 0;
}
// CHECK: :[[@LINE-3]]:3: warning: data race on 'ready': written here by thread 'producer' (no lock held) and read at line [[#@LINE+4]] by thread 'consumer' (no lock held) [data-race]

void *consumer(void *arg) {
  (void)arg;
  while (!ready) {
  }
  printf("%d\n", data);
  return 0;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&p, 0, producer, 0);
  pthread_create(&c, 0, consumer, 0);
  pthread_join(p, 0);
  pthread_join(c, 0);
  return 0;
}
