// The course's D03: `while 1: q.get()` drains a PriorityQueue in the main
// thread; once it is empty the main thread waits forever and nobody can put.
// Python hangs; weft reports a deadlock naming the queue and the line of
// the get, exit 66, online and offline.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE

#include <weft/weft.h>

#include <string>
#include <utility>

using namespace weft;

int main() {
  queue::PriorityQueue<std::pair<int, std::string>> q;
  q.put({3, "c"});
  q.put({1, "a"});
  q.put({2, "b"});
  while (true) {
    auto [n, s] = q.get();
    print(n, s);
  }
}

// CHECK: 1 a
// CHECK-NEXT: 2 b
// CHECK-NEXT: 3 c
// CHECK-NEXT: deadlock-empty.cpp:23:19: error: deadlock: main thread 'MainThread' waits forever for PriorityQueue 'q' (created at deadlock-empty.cpp:18) and no other thread is left to wake it [deadlock]
// CHECK-NEXT: deadlock-empty.cpp:23:19: note: main thread 'MainThread' waits for PriorityQueue 'q' (created at deadlock-empty.cpp:18) here
// CHECK-NEXT: 1 error generated.

// OFFLINE: deadlock-empty.cpp:23:19: error: deadlock: main thread 'MainThread' waits forever for PriorityQueue 'q' (created at deadlock-empty.cpp:18) {{.*}} [deadlock]

// TRACE-COUNT-3: queue-got
// TRACE: wait-block {{.*}}PriorityQueue 'q' (created at deadlock-empty.cpp:18) {{.*}}deadlock-empty.cpp:23
// TRACE-NOT: wait-wake
