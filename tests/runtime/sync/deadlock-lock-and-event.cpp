// A lock wait and an owner-less wait in one deadlock: the worker holds a
// Lock while it waits for an Event; main, which would set the Event, first
// needs that Lock. The report names both waits and who holds the Lock.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  Lock L("table");
  Event Go("go");
  Event Holding("holding");
  Thread Worker({.name = "worker"}, [&] {
    Guard G(L);
    Holding.set();
    Go.wait(); // waits while holding the lock
  });
  Worker.start();
  Holding.wait();
  L.acquire(); // blocks: the worker holds it
  Go.set();
  L.release();
  Worker.join();
}

// CHECK: error: deadlock: all 2 threads are blocked and none can wake the others: {{.*}} [deadlock]
// CHECK-DAG: deadlock-lock-and-event.cpp:19:5: note: thread 'worker' waits for Event 'go' here
// CHECK-DAG: deadlock-lock-and-event.cpp:23:3: note: main thread 'MainThread' waits for Lock 'table' here
// CHECK-DAG: deadlock-lock-and-event.cpp:17:11: note: Lock 'table' is held by thread 'worker', acquired here
// CHECK: 1 error generated.
