// Try-locks: released only where they succeeded.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <pthread.h>
#include <weft/threading.h>

std::mutex m;
std::timed_mutex tm;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
weft::threading::Lock wl;
int shared;

void a() {
  if (m.try_lock()) {
    ++shared;
    m.unlock();
  }
}

void b() {
  if (!m.try_lock())
    return;
  ++shared;
  m.unlock();
}

void c() {
  if (pthread_mutex_trylock(&pm) == 0) {
    ++shared;
    pthread_mutex_unlock(&pm);
  }
}

void d() {
  if (pthread_mutex_trylock(&pm) != 0)
    return;
  ++shared;
  pthread_mutex_unlock(&pm);
}

void e() {
  if (wl.acquire(false)) {
    ++shared;
    wl.release();
  }
  if (wl.acquire(true, 0.5)) {
    ++shared;
    wl.release();
  }
}

void f() {
  bool ok = m.try_lock();
  ++shared;
  if (ok)
    m.unlock();
}

void g() {
  std::unique_lock<std::mutex> lk(m, std::try_to_lock);
  if (!lk.owns_lock())
    return;
  ++shared;
}

void h() {
  using namespace std::chrono_literals;
  if (tm.try_lock_for(10ms)) {
    ++shared;
    tm.unlock();
  }
}

void i() {
  while (!m.try_lock()) {
  }
  ++shared;
  m.unlock();
}
