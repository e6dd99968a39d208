// Main holds a Lock and joins a thread that waits for it. Natively the
// join blocks in pthread_join (it returns only after the OS thread has
// gone), and hands the Monitor its events first: whichever of the two
// waits comes last (main's join, usually, after the sleep) closes the
// cycle, and the deadlock is reported either way. Exit 66, never a hang.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: error: deadlock: 2 threads wait for each other forever: {{.*}}'MainThread'{{.*}}'Thread-1'{{.*}} [deadlock]
// CHECK-DAG: deadlock-join.cpp:{{[0-9]+}}:{{[0-9]+}}: note: main thread 'MainThread' waits for thread 'Thread-1' to end here
// CHECK-DAG: deadlock-join.cpp:{{[0-9]+}}:{{[0-9]+}}: note: thread 'Thread-1' waits for Lock 'L' here
// CHECK-DAG: note: Lock 'L' is held by main thread 'MainThread', acquired here

#include <weft/weft.h>

using namespace weft::threading;

Lock L("L");

int main() {
  L.acquire();
  Thread T([] {
    L.acquire();
    L.release();
  });
  T.start();
  weft::time::sleep(0.1);
  T.join();
  L.release();
}
