// The events of a future's life and the executor's shutdown: submit (a
// release) -> start (an acquire, on the worker) -> done (a release, flags:
// the outcome) -> result (an acquire); shutdown(wait=true) records
// executor-shutdown and joins the workers.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

using namespace weft;

int main() {
  futures::ThreadPoolExecutor ex(1);
  auto f = ex.submit([] { return 6 * 7; });
  print(f.result());
  ex.shutdown();
}

// CHECK: 42

// TRACE: MainThread future-submit Future 'f' (created at events.cpp:16) events.cpp:16:12
// TRACE: ThreadPoolExecutor-0_0 future-start Future 'f' (created at events.cpp:16)
// TRACE: ThreadPoolExecutor-0_0 future-done Future 'f' (created at events.cpp:16)
// TRACE: MainThread future-result Future 'f' (created at events.cpp:16) events.cpp:17:9
// TRACE: MainThread executor-shutdown ThreadPoolExecutor 'ex' (created at events.cpp:15) events.cpp:18:3
// TRACE: MainThread thread-join ThreadPoolExecutor-0_0 events.cpp:18:3
