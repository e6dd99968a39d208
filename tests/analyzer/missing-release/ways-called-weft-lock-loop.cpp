// weft's Lock: a method called in a loop breaks out with the lock held on
// one path. Reported in the method, though main calls it.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

class Counter {
public:
  bool add(int n) {
    lock.acquire();
    // CHECK: [[@LINE-1]]:5: warning: 'Counter::lock' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
    if (n < 0)
      return false;
    // CHECK-NEXT: :[[#@LINE-1]]:7: note: returns here with 'Counter::lock' held
    total += n;
    lock.release();
    return true;
  }

private:
  weft::threading::Lock lock;
  int total = 0;
};

int main() {
  Counter c;
  for (int i = 3; i > -2; --i)
    if (!c.add(i))
      break;
}
