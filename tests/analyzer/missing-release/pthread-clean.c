// Balanced pthread code, with error paths that unlock before returning.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stddef.h>

struct account {
  pthread_mutex_t lock;
  int balance;
};

static pthread_mutex_t global = PTHREAD_MUTEX_INITIALIZER;
static int counter;

int withdraw(struct account *a, int amount) {
  pthread_mutex_lock(&a->lock);
  if (a->balance < amount) {
    pthread_mutex_unlock(&a->lock);
    return -1;
  }
  a->balance -= amount;
  pthread_mutex_unlock(&a->lock);
  return 0;
}

void *worker(void *arg) {
  struct account *a = (struct account *)arg;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&global);
    if (counter > 50) {
      pthread_mutex_unlock(&global);
      break;
    }
    counter++;
    pthread_mutex_unlock(&global);
    withdraw(a, 1);
  }
  return NULL;
}

int main(void) {
  struct account acct = {PTHREAD_MUTEX_INITIALIZER, 100};
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, &acct);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
