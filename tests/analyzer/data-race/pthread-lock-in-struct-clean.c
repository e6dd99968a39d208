// The lock lives in the struct passed to the threads.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdlib.h>

typedef struct {
  pthread_mutex_t m;
  int count;
} counter_t;

static void incr(counter_t *c) {
  pthread_mutex_lock(&c->m);
  c->count++;
  pthread_mutex_unlock(&c->m);
}

void *run(void *arg) {
  counter_t *c = arg;
  for (int i = 0; i < 1000; i++)
    incr(c);
  return 0;
}

int main(void) {
  counter_t *c = malloc(sizeof *c);
  pthread_mutex_init(&c->m, 0);
  c->count = 0;
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], 0, run, c);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  int r = c->count;
  free(c);
  return r;
}
