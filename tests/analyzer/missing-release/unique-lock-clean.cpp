// unique_lock: unlock/lock, defer_lock, adopt_lock, std::lock.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>

std::mutex m, a, b;
int shared;

void f() {
  std::unique_lock<std::mutex> lk(m);
  ++shared;
  lk.unlock();
  shared *= 2;
  lk.lock();
  --shared;
}

void g() {
  std::unique_lock<std::mutex> lk(m, std::defer_lock);
  lk.lock();
  ++shared;
}

void h() {
  m.lock();
  std::lock_guard<std::mutex> g(m, std::adopt_lock);
  ++shared;
}

void i() {
  std::lock(a, b);
  std::lock_guard<std::mutex> ga(a, std::adopt_lock);
  std::lock_guard<std::mutex> gb(b, std::adopt_lock);
  ++shared;
}

void j() {
  std::unique_lock<std::mutex> lk(m);
  lk.release();
  ++shared;
  m.unlock();
}
