// The course's S05: Queue(5), two items, get / task_done twice, then a third
// task_done. Python raises ValueError("task_done() called too many times");
// weft raises the same and reports task-done-overflow at the third call,
// online (exit 66) and offline from the trace.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE

#include <weft/weft.h>

using namespace weft;

int main() {
  queue::Queue<int> q(5);
  q.put(10);
  q.put(20);
  print(q.get());
  q.task_done();
  print(q.get());
  q.task_done();
  try {
    q.task_done();
  } catch (const ValueError &E) {
    print("ValueError:", E.what());
  }
}

// CHECK: 10
// CHECK-NEXT: 20
// CHECK-NEXT: ValueError: task_done() called too many times
// CHECK-NEXT: task-done-overflow.cpp:23:5: error: task_done() called too many times: call 3 on Queue 'q' (created at task-done-overflow.cpp:15), but only 2 items were put (ValueError in Python) [task-done-overflow]
// CHECK-NEXT: task-done-overflow.cpp:21:3: note: the last task_done() that matched an item of Queue 'q' (created at task-done-overflow.cpp:15) was here
// CHECK-NEXT: 1 error generated.

// OFFLINE: task-done-overflow.cpp:23:5: error: task_done() called too many times: call 3 on Queue 'q' (created at task-done-overflow.cpp:15), but only 2 items were put (ValueError in Python) [task-done-overflow]
// OFFLINE-NEXT: task-done-overflow.cpp:21:3: note: the last task_done() {{.*}}

// TRACE: queue-put {{.*}}Queue 'q' (created at task-done-overflow.cpp:15) {{.*}}task-done-overflow.cpp:16
// TRACE: queue-put {{.*}}task-done-overflow.cpp:17
// TRACE: queue-got {{.*}}task-done-overflow.cpp:18
// TRACE: task-done {{.*}}task-done-overflow.cpp:19
// TRACE: queue-got {{.*}}task-done-overflow.cpp:20
// TRACE: task-done {{.*}}task-done-overflow.cpp:21
// TRACE: task-done {{.*}}task-done-overflow.cpp:23
