// Re-acquiring after a release, try-locks of a held lock, locks held on
// some paths only, and different elements of an array are not double
// acquires.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <weft/threading.h>

std::mutex m, forks[5];
weft::threading::Lock wl;
int shared;

void a() {
  m.lock();
  ++shared;
  m.unlock();
  m.lock();
  ++shared;
  m.unlock();
}

void b() {
  wl.acquire();
  if (wl.acquire(false)) {
    ++shared;
  }
  wl.release();
}

void c(bool first, bool second) {
  if (first)
    m.lock();
  if (second && !first)
    m.lock();
  ++shared;
  if (first || second)
    m.unlock();
}

void d(int i) {
  forks[i].lock();
  forks[(i + 1) % 5].lock();
  ++shared;
  forks[(i + 1) % 5].unlock();
  forks[i].unlock();
}

void e(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex> g(m);
    ++shared;
  }
}

void f() {
  std::unique_lock<std::mutex> lk(m);
  lk.unlock();
  m.lock();
  m.unlock();
}
