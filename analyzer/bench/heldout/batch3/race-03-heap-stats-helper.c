/* racy: a heap struct shared by all threads, updated through a helper without a lock */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct stats {
  long sum;
  int count;
};

static void add_sample(struct stats *s, int v) {
  s->sum += v;
  s->count++;
}

static void *worker(void *arg) {
  struct stats *s = (struct stats *)arg;
  for (int i = 0; i < 1000; i++)
    add_sample(s, i);
  return NULL;
}

int main(void) {
  struct stats *s = malloc(sizeof *s);
  s->sum = 0;
  s->count = 0;
  pthread_t th[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&th[i], NULL, worker, s);
  for (int i = 0; i < 3; i++)
    pthread_join(th[i], NULL);
  printf("%ld %d\n", s->sum, s->count);
  free(s);
  return 0;
}
