// Future.result() hands over what the task did: everything the task wrote
// before it returned happens before result() returns in the caller, so
// reading it after result() is not a race. Built with -DRACE, main reads
// before result(), after waiting for the write with a relaxed atomic (no
// happens-before for ThreadSanitizer): the race is reported every run, with
// both lines. The worker is started by a first task that main waits for, so
// the only edge left between the task and main's read is the future's.
// In the -DRACE build the task then waits until main has read, so that no
// weft call of the worker's (which takes the runtime's order mutex) runs
// while the report is made: the locks held are always known.
// Both builds also drop the last reference to a future on either side (a
// worker or main), which must not be reported either.
// RUN: %weft c++ --tsan %s -o %t.ok
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE %s -o %t.race
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// OK: read 42 result 7
// RACE: read 42 result 7

#include <weft/weft.h>

#include <atomic>
#include <string>

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
  for (int I = 0; I < 20; ++I) // futures dropped before or after the worker's
    Ex.submit([I] { return std::string(40, char('a' + I)); });
  Future<int> F = Ex.submit([] {
    // RACE-DAG: handoff-future.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by thread 'ThreadPoolExecutor-0_0' here, holding no weft lock (it had never taken one)
    Shared = 42;
    Written.store(1, std::memory_order_relaxed);
#ifdef RACE
    while (ReadDone.load(std::memory_order_relaxed) == 0) {
    }
#endif
    return 7;
  });
#ifndef RACE
  int R = F.result();
#endif
  while (Written.load(std::memory_order_relaxed) == 0) {
  }
  // RACE-DAG: handoff-future.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Shared': read by main thread 'MainThread' and an earlier write by thread 'ThreadPoolExecutor-0_0' are not ordered by any synchronization [data-race]
  // RACE-DAG: handoff-future.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by main thread 'MainThread' here, holding no weft lock
  int V = Shared;
#ifdef RACE
  ReadDone.store(1, std::memory_order_relaxed);
  int R = F.result();
#endif
  print("read", V, "result", R);
}
// RACE: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// RACE-NEXT: 1 warning generated.
