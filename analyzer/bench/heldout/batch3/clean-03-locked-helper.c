/* clean: every update goes through a helper that takes the mutex */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void increment(void) {
  pthread_mutex_lock(&lock);
  counter = counter + 1;
  pthread_mutex_unlock(&lock);
}

static void *run(void *arg) {
  int n = *(int *)arg;
  for (int i = 0; i < n; i++)
    increment();
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  int n = 10000;
  pthread_create(&t1, NULL, run, &n);
  pthread_create(&t2, NULL, run, &n);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  printf("counter = %d\n", counter);
  return 0;
}
