// A lock-order inversion on weft locks is reported once, by weft's own
// detector: the TSan build turns TSan's lock-order reports off
// (detect_deadlocks=0) and RLock's mutex annotations add nothing to report.
// RUN: %weft c++ --tsan %s -o %t
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=ThreadSanitizer
// CHECK: warning: lock-order inversion (potential deadlock): {{.*}} [lock-order-inversion]
// CHECK: 1 warning generated.

#include <weft/weft.h>

using namespace weft::threading;

int main() {
  RLock A, B;
  // T2 takes its locks after T1's (no deadlock in this run); the threads
  // are alive at once, and the lock-order check orders threads by start
  // and join only, so the inversion is reported.
  Event Done;
  Thread T1([&] {
    A.acquire();
    B.acquire();
    B.release();
    A.release();
    Done.set();
  });
  Thread T2([&] {
    Done.wait();
    B.acquire();
    A.acquire();
    A.release();
    B.release();
  });
  T1.start();
  T2.start();
  T1.join();
  T2.join();
}
