// A deadlock among tasks: the worker takes the lock and waits for an event
// that only the main task sets, after it takes the same lock. Every task
// waits and no timer is armed: the run ends at once with the deadlock
// (who waits for what, who holds the lock) instead of hanging, natively
// and under the controlled scheduler, and `weft trace check` finds it too.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %expect-exit 66 timeout 60 %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 66 timeout 60 %weft run --schedule=random:3 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// With FIXED the main task sets the event before it takes the lock: clean.
// RUN: %weft c++ -DFIXED %s -o %t.fixed
// RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --match-full-lines --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:

#include <weft/asyncio.h>
#include <weft/weft.h>

using namespace weft;

asyncio::Lock lock("lock");
asyncio::Event ready("ready");

asyncio::Coroutine<> worker() {
  co_await lock.acquire();
  print("worker: has the lock, waits for ready");
  co_await ready.wait();
  lock.release();
}

asyncio::Coroutine<> amain() {
  auto t = asyncio::create_task(worker());
  co_await asyncio::sleep(0);
#ifdef FIXED
  ready.set();
#endif
  co_await lock.acquire();
  ready.set(); // never reached (without FIXED)
  lock.release();
  co_await t;
}

int main() { asyncio::run(amain()); }

// CHECK: worker: has the lock, waits for ready
// CHECK-NEXT: deadlock-tasks.cpp:36:12: error: deadlock: all 3 threads and tasks are blocked and none can wake the others: task 'Task-1', main thread 'MainThread' and task 'Task-2' [deadlock]
// CHECK-NEXT: deadlock-tasks.cpp:36:12: note: task 'Task-1' waits for asyncio.Lock 'lock' here
// CHECK-NEXT: deadlock-tasks.cpp:24:12: note: asyncio.Lock 'lock' is held by task 'Task-2', acquired here
// CHECK-NEXT: deadlock-tasks.cpp:42:14: note: main thread 'MainThread' waits for task 'Task-1' to end here
// CHECK-NEXT: deadlock-tasks.cpp:26:12: note: task 'Task-2' waits for asyncio.Event 'ready' here
// CHECK: 1 error generated.
// FIXED: worker: has the lock, waits for ready
// OFFLINE: error: deadlock: all 3 threads and tasks are blocked
