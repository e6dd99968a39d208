// The main thread waits on an Event that nobody sets: every live thread is
// blocked, so it is a deadlock finding naming the Event and the line of the
// wait, exit 66, not a hang.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  Event Ready;
  Thread Worker([&] { print("worker ends without setting the event"); });
  Worker.start();
  Worker.join();
  Ready.wait();
  print("not reached");
}

// CHECK: worker ends without setting the event
// CHECK-NEXT: deadlock-event.cpp:18:3: error: deadlock: {{.*}}main thread 'MainThread'{{.*}} [deadlock]
// CHECK-NEXT: deadlock-event.cpp:18:3: note: main thread 'MainThread' waits for Event 'Ready' (created at deadlock-event.cpp:14) here
// CHECK-NEXT: 1 error generated.
// CHECK-NOT: not reached
// OFFLINE: deadlock-event.cpp:18:3: error: deadlock: {{.*}} [deadlock]
// OFFLINE: note: main thread 'MainThread' waits for Event 'Ready' (created at deadlock-event.cpp:14) here
