// Releasing the caller's lock (wrappers, hand-offs) and conditional
// releases matching conditional acquires are fine.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <pthread.h>

pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
std::mutex sm;

void unlock_it(pthread_mutex_t *m) { pthread_mutex_unlock(m); }
void release_global() { sm.unlock(); }

void user(bool c) {
  pthread_mutex_lock(&pm);
  unlock_it(&pm);
  sm.lock();
  release_global();
  if (c)
    sm.lock();
  if (c)
    sm.unlock();
  std::unique_lock<std::mutex> lk(sm, std::defer_lock);
  if (lk.try_lock())
    lk.unlock();
}
