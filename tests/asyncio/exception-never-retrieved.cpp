// Python's "Task exception was never retrieved": a task ends by an
// exception that nothing awaits; the finding comes when the loop closes,
// at the task's creation. With FIXED the task is awaited (the exception
// caught): clean.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ -DFIXED %s -o %t.fixed
// RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --match-full-lines --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:

#include <weft/asyncio.h>
#include <weft/weft.h>

using namespace weft;

asyncio::Coroutine<int> fetch() {
  co_await asyncio::sleep(0.1);
  throw ValueError("bad page");
  co_return 1;
}

asyncio::Coroutine<> amain() {
  auto t = asyncio::create_task(fetch());
  co_await asyncio::sleep(0.5);
  print("done:", t.done());
#ifdef FIXED
  try {
    co_await t;
  } catch (const ValueError &e) {
    print("caught:", e.what());
  }
#endif
}

int main() { asyncio::run(amain()); }

// CHECK: done: True
// CHECK-NEXT: exception-never-retrieved.cpp:22:12: warning: Task exception was never retrieved: task 'Task-2' ended with ValueError: bad page, and nothing awaited it or asked for its result [task-exception-never-retrieved]
// CHECK-NEXT: 1 warning generated.
// FIXED: done: True
// FIXED-NEXT: caught: bad page
