// A Barrier for 3 parties that only 2 threads reach, the main thread
// joining them: a deadlock naming the Barrier and where each thread waits.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  Barrier B(3);
  Thread T1({.name = "T1"}, [&] { B.wait(); });
  Thread T2({.name = "T2"}, [&] { B.wait(); });
  T1.start();
  T2.start();
  T1.join();
  T2.join();
}

// CHECK: error: deadlock: all 3 threads are blocked and none can wake the others: {{.*}} [deadlock]
// CHECK-DAG: deadlock-barrier.cpp:13:35: note: thread 'T1' waits for Barrier 'B' (created at deadlock-barrier.cpp:12) here
// CHECK-DAG: deadlock-barrier.cpp:14:35: note: thread 'T2' waits for Barrier 'B' (created at deadlock-barrier.cpp:12) here
// CHECK-DAG: deadlock-barrier.cpp:17:3: note: main thread 'MainThread' waits for thread 'T1' to end here
// CHECK: 1 error generated.
