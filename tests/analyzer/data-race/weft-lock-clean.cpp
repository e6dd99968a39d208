// weft Lock, Guard and RLock protect the shared value.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <weft/threading.h>

using namespace weft::threading;

Lock lock;
RLock rlock;
int value;
int other;

void add(int n) {
  for (int i = 0; i < n; ++i) {
    Guard<Lock> g(lock);
    value += 1;
  }
  rlock.acquire();
  other += n;
  rlock.release();
}

int main() {
  Thread a(add, 5), b(add, 7);
  a.start();
  b.start();
  a.join();
  b.join();
  return value + other;
}
