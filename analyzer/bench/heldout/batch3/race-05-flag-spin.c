/* racy: hand-off through a plain int flag */
#include <pthread.h>
#include <stdio.h>

int ready = 0;
int payload = 0;

void *producer(void *arg) {
  (void)arg;
  payload = 42;
  ready = 1;
  return NULL;
}

void *consumer(void *arg) {
  (void)arg;
  while (!ready) {
  }
  printf("got %d\n", payload);
  return NULL;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  return 0;
}
