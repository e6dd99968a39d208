/* A bounded buffer in C with one mutex and two condition variables, the
 * way pthreads programs write it: producer and consumer wait in while
 * loops, signal without and with the mutex held. 1000 items pass; no
 * finding. Then pthreads' error code for a wait without the mutex held
 * (EPERM), and a timed wait that nobody signals (ETIMEDOUT).
 * RUN: %weft cc %s -o %t
 * RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
 * RUN: %weft run --schedule=random:5 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
 * CHECK:      sum 499500
 * CHECK-NEXT: wait without the mutex: EPERM
 * CHECK-NEXT: timed wait: ETIMEDOUT
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define SIZE 4
static int buf[SIZE];
static int count, head, tail;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    while (count == SIZE)
      pthread_cond_wait(&not_full, &mu);
    buf[tail] = i;
    tail = (tail + 1) % SIZE;
    count++;
    pthread_mutex_unlock(&mu);
    pthread_cond_signal(&not_empty); /* after unlocking: allowed */
  }
  return NULL;
}

static void *consumer(void *arg) {
  long sum = 0;
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    while (count == 0)
      pthread_cond_wait(&not_empty, &mu);
    sum += buf[head];
    head = (head + 1) % SIZE;
    count--;
    pthread_cond_signal(&not_full); /* with the mutex held */
    pthread_mutex_unlock(&mu);
  }
  return (void *)sum;
}

int main(void) {
  pthread_t p, c;
  void *sum;
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, &sum);
  printf("sum %ld\n", (long)sum);

  int rc = pthread_cond_wait(&not_empty, &mu);
  printf("wait without the mutex: %s\n", rc == EPERM ? "EPERM" : "?");

  struct timespec at;
  clock_gettime(CLOCK_REALTIME, &at);
  at.tv_nsec += 100000000; /* 0.1 s */
  if (at.tv_nsec >= 1000000000) {
    at.tv_nsec -= 1000000000;
    at.tv_sec += 1;
  }
  pthread_mutex_lock(&mu);
  rc = pthread_cond_timedwait(&not_empty, &mu, &at);
  pthread_mutex_unlock(&mu);
  printf("timed wait: %s\n", rc == ETIMEDOUT ? "ETIMEDOUT" : "?");
  return 0;
}
