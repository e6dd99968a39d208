// Waits on queues in the wait-for graph: (1) a consumer thread loops on
// get() and the main thread joins it: once the queue is empty both wait
// forever (Python hangs); (2) in a second program, the main thread calls
// join() on a queue whose worker forgot one task_done and has ended. Both
// are deadlock findings naming the queue and the lines, exit 66.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ -DJOIN %s -o %t.join
// RUN: %expect-exit 66 timeout 20 %t.join 2>&1 | FileCheck %s --check-prefix=JOIN --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  queue::Queue<int> q("inbox");
#ifndef JOIN
  Thread Consumer([&q] {
    while (true)
      print("got", q.get());
  });
  Consumer.start();
  q.put(1);
  q.put(2);
  Consumer.join();
#else
  Thread Worker([&q] {
    q.get();
    q.task_done();
    q.get(); // no task_done for this one
  });
  q.put(1);
  q.put(2);
  Worker.start();
  Worker.join();
  q.join();
#endif
  print("not reached");
}

// CHECK: got 1
// CHECK-NEXT: got 2
// CHECK-NEXT: deadlock-threads.cpp:{{.*}}: error: deadlock: all 2 threads are blocked and none can wake the others: {{.*}} [deadlock]
// CHECK-DAG: deadlock-threads.cpp:21:20: note: thread 'Thread-1' waits for Queue 'inbox' here
// CHECK-DAG: deadlock-threads.cpp:26:3: note: main thread 'MainThread' waits for thread 'Thread-1' to end here
// CHECK: 1 error generated.
// CHECK-NOT: not reached

// JOIN: deadlock-threads.cpp:37:3: error: deadlock: main thread 'MainThread' waits forever for Queue 'inbox' and no other thread is left to wake it [deadlock]
// JOIN-NEXT: deadlock-threads.cpp:37:3: note: main thread 'MainThread' waits for Queue 'inbox' here
// JOIN-NEXT: 1 error generated.
