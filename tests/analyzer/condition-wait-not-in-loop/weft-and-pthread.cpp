// weft Condition.wait and pthread_cond_wait outside loops.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <pthread.h>
#include <weft/threading.h>

weft::threading::Condition cond;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t pc = PTHREAD_COND_INITIALIZER;
int items;

void take() {
  cond.acquire();
  if (items == 0)
    // CHECK: :[[@LINE+1]]:10: warning: .wait() is not in a loop
    cond.wait();
  items--;
  cond.release();
}

void take_c() {
  pthread_mutex_lock(&pm);
  // CHECK: :[[@LINE+1]]:3: warning: pthread_cond_wait() is not in a loop
  pthread_cond_wait(&pc, &pm);
  pthread_mutex_unlock(&pm);
}
