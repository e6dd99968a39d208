// Functions whose contract is to return holding the lock, and their
// partners that release it, used in pairs.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <pthread.h>

class SpinLock {
public:
  void lock() { m.lock(); }
  void unlock() { m.unlock(); }

private:
  std::mutex m;
};

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

void lock_both() {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
}

void unlock_both() {
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
}

int shared;

void worker() {
  lock_both();
  ++shared;
  unlock_both();
}

bool try_enter() { return pthread_mutex_trylock(&a) == 0; }
