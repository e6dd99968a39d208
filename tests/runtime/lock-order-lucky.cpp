// Opposite lock orders on a lucky run (the threads run one after the other,
// ordered by join): no deadlock happens, but the lock-order graph has a
// cycle, so lock-order-inversion is reported with both edges. Exit 66.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=deadlock:

#include <weft/weft.h>

using namespace weft::threading;

Lock A("a"), B("b");

int main() {
  Thread T1([] {
    Guard<Lock> GA(A);
    Guard<Lock> GB(B);
  });
  T1.start();
  T1.join();
  Thread T2([] {
    Guard<Lock> GB(B);
    Guard<Lock> GA(A);
  });
  T2.start();
  T2.join();
  weft::print("finished");
}

// CHECK: finished
// CHECK-NEXT: lock-order-lucky.cpp:22:17: warning: lock-order inversion (potential deadlock): Lock 'a' and Lock 'b' are acquired in opposite orders [lock-order-inversion]
// CHECK-DAG: lock-order-lucky.cpp:16:17: note: thread 'Thread-1' acquires Lock 'b' here while holding Lock 'a'
// CHECK-DAG: lock-order-lucky.cpp:15:17: note: Lock 'a' acquired here
// CHECK-DAG: lock-order-lucky.cpp:22:17: note: thread 'Thread-2' acquires Lock 'a' here while holding Lock 'b'
// CHECK-DAG: lock-order-lucky.cpp:21:17: note: Lock 'b' acquired here
// CHECK: 1 warning generated.
