// Each thread writes its own slot of an array (args[i]); main sums after join.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>

struct task {
  int id;
  long result;
};

void *work(void *p) {
  struct task *t = p;
  long s = 0;
  for (int i = 0; i < 1000; i++)
    s += i * t->id;
  t->result = s;
  return 0;
}

int main(void) {
  pthread_t th[8];
  struct task tasks[8];
  for (int i = 0; i < 8; i++) {
    tasks[i].id = i;
    pthread_create(&th[i], 0, work, &tasks[i]);
  }
  long total = 0;
  for (int i = 0; i < 8; i++) {
    pthread_join(th[i], 0);
    total += tasks[i].result;
  }
  printf("%ld\n", total);
  return 0;
}
