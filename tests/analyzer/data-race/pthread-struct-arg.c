// A struct passed by pointer to two threads; one field updated unlocked.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

struct account {
  pthread_mutex_t lock;
  long balance;
  long ops;
};

void *deposit(void *arg) {
  struct account *a = (struct account *)arg;
  pthread_mutex_lock(&a->lock);
  a->balance += 10;
  pthread_mutex_unlock(&a->lock);
  // CHECK: :[[@LINE+1]]:6: warning: data race on 'acct.ops': written here by thread 'deposit' (no lock held) and written at line [[#@LINE+1]] by another instance of thread 'deposit' (no lock held) [data-race]
  a->ops++;
  return 0;
}
// CHECK-NEXT: note: conflicting write of 'acct.ops'
// CHECK-NEXT: note: thread 'deposit' started here (pthread_create), several instances at once

int main(void) {
  struct account acct = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, deposit, &acct);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return (int)acct.balance;
}
