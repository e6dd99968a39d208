// The worker takes 'table' then 'stats'; main takes them the other way
// round, but only after stop_worker() has joined the worker (through a
// global handle, in a helper): the two orders never overlap in time.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
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
  rows++;
  served++;
  pthread_mutex_unlock(&stats);
  pthread_mutex_unlock(&table);
  return 0;
}

static void start_worker(void) { pthread_create(&worker_tid, 0, worker, 0); }

static void stop_worker(void) { pthread_join(worker_tid, 0); }

static void shutdown_all(void) {
  stop_worker();
  pthread_mutex_lock(&stats);
  pthread_mutex_lock(&table);
  served = rows;
  pthread_mutex_unlock(&table);
  pthread_mutex_unlock(&stats);
}

int main(void) {
  start_worker();
  shutdown_all();
  return served;
}
