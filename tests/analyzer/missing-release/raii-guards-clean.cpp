// RAII guards release on every path, early returns and throws included.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <stdexcept>
#include <weft/threading.h>

std::mutex m;
weft::threading::Lock wl;
int balance = 100;

int a(int x) {
  std::lock_guard<std::mutex> g(m);
  if (x > balance)
    return -1;
  balance -= x;
  return 0;
}

void b(int x) {
  std::unique_lock lk(m);
  if (x < 0)
    throw std::invalid_argument("negative");
  balance += x;
}

void c(int x) {
  std::scoped_lock g(m);
  for (int i = 0; i < x; ++i) {
    if (i == 3)
      break;
    balance += i;
  }
}

void d(int x) {
  weft::threading::Guard g(wl);
  if (x == 0)
    return;
  balance -= x;
}

void e(int x) {
  for (int i = 0; i < x; ++i) {
    std::lock_guard<std::mutex> g(m);
    if (i % 2)
      continue;
    balance++;
  }
}
