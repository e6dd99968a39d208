// The same order everywhere; std::lock and scoped_lock of several mutexes
// (deadlock-free whatever the order); a gate lock held around both orders;
// a release before the other acquire.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <weft/threading.h>

std::mutex a, b, gate;
weft::threading::Lock l1, l2;
int shared;

void f() {
  std::lock_guard<std::mutex> ga(a);
  std::lock_guard<std::mutex> gb(b);
  ++shared;
}

void g() {
  std::lock_guard<std::mutex> ga(a);
  std::lock_guard<std::mutex> gb(b);
  --shared;
}

void h() {
  std::scoped_lock both(b, a);
  ++shared;
}

void i() {
  std::lock(b, a);
  std::lock_guard<std::mutex> gb(b, std::adopt_lock);
  std::lock_guard<std::mutex> ga(a, std::adopt_lock);
}

void j() {
  l2.acquire();
  ++shared;
  l2.release();
  l1.acquire();
  l1.release();
}

void k() {
  std::lock_guard<std::mutex> g(gate);
  l1.acquire();
  l2.acquire();
  l2.release();
  l1.release();
}

void m() {
  std::lock_guard<std::mutex> g(gate);
  l2.acquire();
  l1.acquire();
  l1.release();
  l2.release();
}
