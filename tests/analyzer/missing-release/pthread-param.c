// A lock passed by pointer: named by the parameter.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

struct account {
  pthread_mutex_t lock;
  int balance;
};

int withdraw(struct account *a, int amount) {
  pthread_mutex_lock(&a->lock);
  // CHECK: [[@LINE-1]]:3: warning: 'a.lock' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
  if (a->balance < amount)
    return -1;
  a->balance -= amount;
  pthread_mutex_unlock(&a->lock);
  return 0;
}
