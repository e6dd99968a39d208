// One thread takes 'a' then 'b' in one phase and 'b' then 'a' in the
// next; the other thread takes no lock. A thread cannot deadlock with
// itself on two locks it takes one order at a time.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int moved;

static void phase_one(void) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  moved++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
}

static void phase_two(void) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  moved--;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
}

static void *mover(void *arg) {
  (void)arg;
  phase_one();
  phase_two();
  return 0;
}

static void *idler(void *arg) { return arg; }

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, mover, 0);
  pthread_create(&y, 0, idler, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return moved;
}
