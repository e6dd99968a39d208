// A thread waits on a Condition that nobody notifies while the main thread
// joins it: both are blocked forever. A deadlock finding names the
// Condition and the line of the wait, and the join; exit 66, not a hang.
// The wait released the Condition's lock first, so the join is not
// reported as waiting for a held lock.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  Lock L("l");
  Condition Cond(L);
  bool Ready = false;
  Thread Consumer({.name = "consumer"}, [&] {
    Guard G(Cond);
    while (!Ready)
      Cond.wait();
  });
  Consumer.start();
  Consumer.join();
  print("not reached");
}

// CHECK: deadlock-condition.cpp:{{22|25}}:{{.*}}: error: deadlock: all 2 threads are blocked and none can wake the others: {{.*}} [deadlock]
// CHECK-DAG: deadlock-condition.cpp:22:7: note: thread 'consumer' waits for Condition 'Cond' (created at deadlock-condition.cpp:17) here
// CHECK-DAG: deadlock-condition.cpp:25:3: note: main thread 'MainThread' waits for thread 'consumer' to end here
// CHECK: 1 error generated.
// CHECK-NOT: not reached
// OFFLINE: error: deadlock: all 2 threads are blocked
// OFFLINE-DAG: note: thread 'consumer' waits for Condition 'Cond' (created at deadlock-condition.cpp:17) here
// OFFLINE-DAG: note: main thread 'MainThread' waits for thread 'consumer' to end here
