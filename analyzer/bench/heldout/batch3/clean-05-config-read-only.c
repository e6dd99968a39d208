/* clean: configuration written before the threads start, only read by them */
#include <pthread.h>
#include <stdio.h>

struct config {
  int verbose;
  int iterations;
};
struct config cfg;
int results[2];

void *job(void *arg) {
  int id = *(int *)arg;
  int acc = 0;
  for (int i = 0; i < cfg.iterations; i++)
    acc += i;
  if (cfg.verbose)
    printf("thread %d: %d\n", id, acc);
  results[id] = acc;
  return NULL;
}

int main(void) {
  pthread_t t[2];
  int ids[2] = {0, 1};
  cfg.verbose = 1;
  cfg.iterations = 100;
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, job, &ids[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("%d %d\n", results[0], results[1]);
  cfg.iterations = 0;
  return 0;
}
