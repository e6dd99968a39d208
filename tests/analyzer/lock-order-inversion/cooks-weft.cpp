// The course's D01: two cooks take knife and pot in opposite orders.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>
#include <weft/time.h>

weft::threading::Lock lock1; // knife
weft::threading::Lock lock2; // pot

void cook1() {
  lock1.acquire();
  weft::time::sleep(2);
  lock2.acquire();
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'lock1' and 'lock2' are acquired in opposite orders [lock-order-inversion]
  // CHECK-NEXT: :[[#@LINE-2]]:3: note: 'lock2' acquired here while holding 'lock1'
  // CHECK-NEXT: :[[#@LINE-5]]:3: note: 'lock1' acquired here
  // CHECK-NEXT: :[[#@LINE+9]]:3: note: 'lock1' acquired here while holding 'lock2'
  // CHECK-NEXT: :[[#@LINE+6]]:3: note: 'lock2' acquired here
  lock2.release();
  lock1.release();
}

void cook2() {
  lock2.acquire();
  weft::time::sleep(2);
  lock1.acquire();
  lock1.release();
  lock2.release();
}

int main() {
  weft::threading::Thread a(cook1), b(cook2);
  a.start();
  b.start();
  a.join();
  b.join();
}
