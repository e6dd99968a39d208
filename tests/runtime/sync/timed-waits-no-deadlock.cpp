// Timed waits are not deadlocks while their timeout can still fire: a
// worker in a timed Condition.wait, Semaphore.acquire, Event.wait and
// Barrier.wait that nobody satisfies, while main is blocked joining it,
// times out every time and ends. No finding, exit 0.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  Condition Cond;
  Semaphore Sem(0);
  Event Ev;
  Barrier B(2);
  Thread Worker([&] {
    {
      Guard G(Cond);
      print("condition:", Cond.wait(0.05));
      print("wait_for:", Cond.wait_for([] { return false; }, 0.05));
    }
    print("semaphore:", Sem.acquire(true, 0.05));
    print("event:", Ev.wait(0.05));
    try {
      B.wait(0.05);
    } catch (const BrokenBarrierError &) {
      print("barrier: broken by its timeout");
    }
  });
  Worker.start();
  Worker.join(); // untimed: blocked while the worker's waits are timed
  print("joined");
}

// CHECK: condition: False
// CHECK-NEXT: wait_for: False
// CHECK-NEXT: semaphore: False
// CHECK-NEXT: event: False
// CHECK-NEXT: barrier: broken by its timeout
// CHECK-NEXT: joined
