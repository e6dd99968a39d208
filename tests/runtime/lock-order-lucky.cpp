// Opposite lock orders on a lucky run: both threads are running at once,
// but under this fixed schedule one finishes its two acquisitions before the
// other begins, so no deadlock happens. The lock-order graph has a cycle
// whose edges were taken by two threads that can overlap, so
// lock-order-inversion is reported with both edges. Exit 66. (When the
// threads cannot overlap, e.g. one is joined before the other starts, no
// inversion is reported: lock-order-ordered.cpp.)
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %weft run --schedule=random:1 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=deadlock:

#include <weft/weft.h>

using namespace weft::threading;

Lock A("a"), B("b");

int main() {
  Thread T1([] {
    Guard<Lock> GA(A);
    Guard<Lock> GB(B);
  });
  Thread T2([] {
    Guard<Lock> GB(B);
    Guard<Lock> GA(A);
  });
  T1.start();
  T2.start();
  T1.join();
  T2.join();
  weft::print("finished");
}

// CHECK: finished
// CHECK-NEXT: lock-order-lucky.cpp:24:17: warning: lock-order inversion (potential deadlock): Lock 'a' and Lock 'b' are acquired in opposite orders [lock-order-inversion]
// CHECK-DAG: lock-order-lucky.cpp:20:17: note: thread 'Thread-1' acquires Lock 'b' here while holding Lock 'a'
// CHECK-DAG: lock-order-lucky.cpp:19:17: note: Lock 'a' acquired here
// CHECK-DAG: lock-order-lucky.cpp:24:17: note: thread 'Thread-2' acquires Lock 'a' here while holding Lock 'b'
// CHECK-DAG: lock-order-lucky.cpp:23:17: note: Lock 'b' acquired here
// CHECK: 1 warning generated.
