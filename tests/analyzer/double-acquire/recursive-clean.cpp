// Recursive locks may be taken again by their owner (the course's L06).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <pthread.h>
#include <weft/threading.h>

weft::threading::RLock rlock;
std::recursive_mutex rm;
pthread_mutex_t pr = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
pthread_mutex_t pa;
int num;

void a() {
  rlock.acquire();
  num += 1;
  rlock.acquire();
  num += 1;
  rlock.release();
  rlock.release();
}

void b() {
  std::lock_guard<std::recursive_mutex> g1(rm);
  std::lock_guard<std::recursive_mutex> g2(rm);
  ++num;
}

void c() {
  pthread_mutex_lock(&pr);
  pthread_mutex_lock(&pr);
  pthread_mutex_unlock(&pr);
  pthread_mutex_unlock(&pr);
}

void init() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&pa, &attr);
}

void d() {
  pthread_mutex_lock(&pa);
  pthread_mutex_lock(&pa);
  pthread_mutex_unlock(&pa);
  pthread_mutex_unlock(&pa);
}
