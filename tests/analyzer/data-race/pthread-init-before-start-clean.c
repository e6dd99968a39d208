// main writes the configuration before starting threads, which only read
// it; after the joins it writes again.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>

int config[4];
int limit;

void *reader(void *arg) {
  (void)arg;
  int s = 0;
  for (int i = 0; i < limit; i++)
    s += config[i % 4];
  return (void *)(long)s;
}

int main(void) {
  limit = 100;
  for (int i = 0; i < 4; i++)
    config[i] = i * i;
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], 0, reader, 0);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  limit = 0;
  printf("%d\n", config[1]);
  return 0;
}
