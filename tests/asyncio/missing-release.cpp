// A task that returns early without releasing an asyncio.Lock: the task
// ends holding it (missing-release, naming the task and where it was
// created); with FIXED (`async with`: the guard releases on every path) it
// is clean. Online and offline.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %expect-exit 66 %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ -DFIXED %s -o %t.fixed
// RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --match-full-lines --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:

#include <weft/asyncio.h>
#include <weft/weft.h>

using namespace weft;

asyncio::Lock lock("lock");
int money = 100;

asyncio::Coroutine<> withdraw(int amount) {
#ifdef FIXED
  auto held = co_await lock.hold();
#else
  co_await lock.acquire();
#endif
  if (money < amount) {
    print("insufficient balance");
    co_return; // the bug: no release
  }
  co_await asyncio::sleep(0);
  money -= amount;
#ifndef FIXED
  lock.release();
#endif
}

asyncio::Coroutine<> amain() {
  co_await asyncio::create_task(withdraw(80));
  co_await asyncio::create_task(withdraw(80));
  print("money:", money, "locked:", lock.locked());
}

int main() { asyncio::run(amain()); }

// CHECK: insufficient balance
// CHECK-NEXT: money: 20 locked: True
// CHECK-NEXT: missing-release.cpp:24:12: warning: task 'Task-3' ends while still holding asyncio.Lock 'lock' [missing-release]
// CHECK-NEXT: missing-release.cpp:39:12: note: task 'Task-3' was started here
// CHECK-NEXT: 1 warning generated.
// OFFLINE: missing-release.cpp:24:12: warning: task 'Task-3' ends while still holding asyncio.Lock 'lock' [missing-release]
// FIXED: insufficient balance
// FIXED-NEXT: money: 20 locked: False
