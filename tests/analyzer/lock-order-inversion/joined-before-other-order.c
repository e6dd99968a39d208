// The twin of joined-before-other-order-clean.c: main takes the other
// order before it joins the worker, so the two can deadlock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

static pthread_mutex_t table = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats = PTHREAD_MUTEX_INITIALIZER;
static pthread_t worker_tid;
static int rows, served;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&table);
  pthread_mutex_lock(&stats);
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'table' and 'stats' are acquired in opposite orders [lock-order-inversion]
  rows++;
  served++;
  pthread_mutex_unlock(&stats);
  pthread_mutex_unlock(&table);
  return 0;
}

static void start_worker(void) { pthread_create(&worker_tid, 0, worker, 0); }

static void stop_worker(void) { pthread_join(worker_tid, 0); }

static void shutdown_all(void) {
  pthread_mutex_lock(&stats);
  pthread_mutex_lock(&table);
  served = rows;
  pthread_mutex_unlock(&table);
  pthread_mutex_unlock(&stats);
  stop_worker();
}

int main(void) {
  start_worker();
  shutdown_all();
  return served;
}
