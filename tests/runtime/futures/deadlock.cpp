// Futures in the wait-for graph: the main thread waits for a future whose
// task waits on a queue that nobody fills; the idle second worker waits for
// work. Every thread is blocked: a deadlock naming the future, the queue and
// the lines, exit 66 (Python hangs). Offline too.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;

int main() {
  futures::ThreadPoolExecutor ex(1);
  queue::Queue<int> jobs("jobs");
  auto f = ex.submit([&jobs] { return jobs.get(); });
  print("waiting");
  print(f.result());
}

// CHECK: waiting
// CHECK-NEXT: deadlock.cpp:{{.*}}: error: deadlock: all 2 threads are blocked and none can wake the others: {{.*}} [deadlock]
// CHECK-DAG: deadlock.cpp:16:39: note: thread 'ThreadPoolExecutor-0_0' waits for Queue 'jobs' here
// CHECK-DAG: deadlock.cpp:18:9: note: main thread 'MainThread' waits for Future 'f' (created at deadlock.cpp:16) here
// CHECK: 1 error generated.

// OFFLINE: error: deadlock: all 2 threads are blocked {{.*}} [deadlock]
