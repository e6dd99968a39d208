// Two workers acquire a Semaphore(0) that nobody releases; main joins them.
// Every live thread is blocked: a deadlock naming the Semaphore, exit 66.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  Semaphore Sem("slots", 0);
  Thread A({.name = "A"}, [&] { Sem.acquire(); });
  Thread B({.name = "B"}, [&] { Sem.acquire(); });
  A.start();
  B.start();
  A.join();
  B.join();
}

// CHECK: error: deadlock: all 3 threads are blocked and none can wake the others: {{.*}} [deadlock]
// CHECK-DAG: deadlock-semaphore.cpp:13:33: note: thread 'A' waits for Semaphore 'slots' here
// CHECK-DAG: deadlock-semaphore.cpp:14:33: note: thread 'B' waits for Semaphore 'slots' here
// CHECK-DAG: deadlock-semaphore.cpp:17:3: note: main thread 'MainThread' waits for thread 'A' to end here
// CHECK: 1 error generated.
