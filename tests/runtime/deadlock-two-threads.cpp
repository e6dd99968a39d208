// The course's cooks: each thread takes its first lock, both meet (a spin
// on an atomic: no lock, so no lock-order edge), then each asks for the
// other's lock. The runtime reports the deadlock with both threads and both
// locks, writes the trace and exits 66 instead of hanging. The trace checked
// offline gives the same finding.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

#include <atomic>
#include <thread>

using namespace weft::threading;

Lock Knife("knife");
Lock Pot; // no name given: reported by its variable and creation site
std::atomic<int> Holding{0};

void cook(Lock &First, Lock &Second) {
  First.acquire();
  Holding.fetch_add(1);
  while (Holding.load() < 2)
    std::this_thread::yield();
  Second.acquire();
  Second.release();
  First.release();
}

int main() {
  Thread Cook1(cook, std::ref(Knife), std::ref(Pot));
  Thread Cook2(ThreadOptions{.name = "cook2"}, cook, std::ref(Pot),
               std::ref(Knife));
  Cook1.start();
  Cook2.start();
  Cook1.join();
  Cook2.join();
  weft::print("not reached");
}

// CHECK: deadlock-two-threads.cpp:26:3: error: deadlock: 2 threads wait for each other forever: thread '{{Thread-1|cook2}}' and thread '{{Thread-1|cook2}}' [deadlock]
// CHECK-DAG: deadlock-two-threads.cpp:26:3: note: thread 'Thread-1' waits for Lock 'Pot' (created at deadlock-two-threads.cpp:18) here
// CHECK-DAG: deadlock-two-threads.cpp:22:3: note: Lock 'Pot' (created at deadlock-two-threads.cpp:18) is held by thread 'cook2', acquired here
// CHECK-DAG: deadlock-two-threads.cpp:26:3: note: thread 'cook2' waits for Lock 'knife' here
// CHECK-DAG: deadlock-two-threads.cpp:22:3: note: Lock 'knife' is held by thread 'Thread-1', acquired here
// CHECK: 1 error generated.
// CHECK-NEXT: weft: trace written to {{.*}}.wtrace
// CHECK-NOT: not reached

// OFFLINE: deadlock-two-threads.cpp:26:3: error: deadlock: 2 threads wait for each other forever
// OFFLINE-DAG: note: thread 'Thread-1' waits for Lock 'Pot' (created at deadlock-two-threads.cpp:18) here
// OFFLINE-DAG: note: thread 'cook2' waits for Lock 'knife' here
