// ThreadPoolExecutor.submit() hands over what the caller wrote before it:
// everything main wrote before submit() happens before the task starts, so
// the task reading it is not a race. The worker already exists and is idle
// (a first task that main waits for started it), so the edge is submit's,
// not Thread.start()'s. Built with -DRACE, main writes after submit() and
// the task waits for it with a relaxed atomic (no happens-before for
// ThreadSanitizer): the race is reported every run, with both lines. Main
// calls result() only once the task has read, so that no weft call of main's
// (which takes the runtime's order mutex) runs while the report is made.
// RUN: %weft c++ --tsan %s -o %t.ok
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE %s -o %t.race
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// OK: read 42
// RACE: read 42

#include <weft/weft.h>

#include <atomic>

using namespace weft;
using futures::Future;
using futures::ThreadPoolExecutor;

int Shared = 0;
// Each flag sits on its own cache line: TSan keeps 4 accesses per 8 bytes,
// so a flag next to the racy variable could evict the access that races.
alignas(64) std::atomic<int> Written{0}; // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> ReadDone{0}; // relaxed only: no happens-before for TSan

int main() {
  ThreadPoolExecutor Ex(1);
  Ex.submit([] { return 0; }).result(); // the worker exists and is idle
#ifndef RACE
  Shared = 42; // before submit: handed over
  Written.store(1, std::memory_order_relaxed);
#endif
  Future<int> F = Ex.submit([] {
    while (Written.load(std::memory_order_relaxed) == 0) {
    }
    // RACE: handoff-executor.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Shared': read by thread 'ThreadPoolExecutor-0_0' and an earlier write by main thread 'MainThread' are not ordered by any synchronization [data-race]
    // RACE-NEXT: handoff-executor.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by thread 'ThreadPoolExecutor-0_0' here, holding no weft lock
    int V = Shared;
    ReadDone.store(1, std::memory_order_relaxed);
    return V;
  });
#ifdef RACE
  // RACE-NEXT: handoff-executor.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by main thread 'MainThread' here, holding no weft lock (it had never taken one)
  Shared = 42; // after submit: nothing orders it before the task's read
  Written.store(1, std::memory_order_relaxed);
#endif
  while (ReadDone.load(std::memory_order_relaxed) == 0) {
  }
  print("read", F.result());
}
// RACE-NEXT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// RACE-NEXT: 1 warning generated.
