// The course's F04 shape: an executor that is never shut down. Python waits
// for its work at exit; weft does too (the task's output comes after main
// returns) and reports executor-leak at the executor's creation, online
// (exit 66) and offline.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE

#include <weft/weft.h>

using namespace weft;
using futures::Future;

futures::ThreadPoolExecutor pool(2);
queue::Queue<int> gate;

int main() {
  Future<int> f = pool.submit([] { return gate.get() * 2; });
  f.add_done_callback([](Future<int> &g) { print("callback:", g.result()); });
  print("main returns");
  gate.put(21); // the task can finish only now; nobody waits for it
}

// CHECK: main returns
// CHECK-NEXT: callback: 42
// CHECK-NEXT: executor-leak.cpp:15:29: warning: ThreadPoolExecutor 'pool' (created at executor-leak.cpp:15) is still running when the program ends: it was never shut down, so its work is waited for at exit [executor-leak]
// CHECK-NEXT: 1 warning generated.

// OFFLINE: executor-leak.cpp:15:29: warning: ThreadPoolExecutor 'pool' (created at executor-leak.cpp:15) is still running when the program ends{{.*}} [executor-leak]

// TRACE: executor-shutdown ThreadPoolExecutor 'pool' (created at executor-leak.cpp:15) executor-leak.cpp:15:29
// TRACE: join-request ThreadPoolExecutor-0_0
// TRACE: program-exit
