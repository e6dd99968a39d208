// Per-class counters, each guarded by its element of an array of locks;
// one thread names the element by the loop index, the other by the
// item's class field. The same array with variable indexes is one lock
// class: nothing is reported.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

#define CLASSES 8
pthread_mutex_t class_locks[CLASSES];
long class_count[CLASSES];

struct item { int cls; };

static void *sweeper(void *arg) {
  (void)arg;
  for (int id = 0; id < CLASSES; id++) {
    pthread_mutex_lock(&class_locks[id]);
    class_count[id] = 0;
    pthread_mutex_unlock(&class_locks[id]);
  }
  return 0;
}

static void *adder(void *arg) {
  struct item *it = arg;
  pthread_mutex_lock(&class_locks[it->cls]);
  class_count[it->cls]++;
  pthread_mutex_unlock(&class_locks[it->cls]);
  return 0;
}

int main(void) {
  static struct item one = {3};
  for (int i = 0; i < CLASSES; i++)
    pthread_mutex_init(&class_locks[i], 0);
  pthread_t a, b;
  pthread_create(&a, 0, sweeper, 0);
  pthread_create(&b, 0, adder, &one);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
