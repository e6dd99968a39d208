// Python's "coroutine 'save' was never awaited": calling an async function
// without co_await only makes a coroutine; it is destroyed unstarted and
// its body never runs. The finding names the coroutine and its function.
// With FIXED (co_await) the body runs and nothing is found.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ -DFIXED %s -o %t.fixed
// RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --match-full-lines --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:

#include <weft/asyncio.h>
#include <weft/weft.h>

using namespace weft;

asyncio::Coroutine<> save(int n) {
  print("saved", n);
  co_return;
}

asyncio::Coroutine<> amain() {
#ifdef FIXED
  co_await save(1);
#else
  save(1); // the bug: no co_await
#endif
  print("done");
  co_return;
}

int main() { asyncio::run(amain()); }

// CHECK: done
// CHECK-NEXT: never-awaited.cpp:15:22: warning: coroutine 'save' was never awaited: its body never ran (RuntimeWarning in Python); co_await it or make it a task [coroutine-never-awaited]
// CHECK-NEXT: 1 warning generated.
// FIXED: saved 1
// FIXED-NEXT: done
