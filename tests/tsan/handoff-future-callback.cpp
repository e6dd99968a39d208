// Future.add_done_callback() hands over what the caller wrote before it:
// the registration happens before the callback runs on the thread that
// completes the future, so the callback reading it is not a race. The task
// is still running when the callback is added (it waits for main with a
// relaxed atomic), so the callback runs on the worker, after the task.
// Built with -DRACE, main writes after add_done_callback() (and still before
// letting the task finish): the race is reported every run, with both lines.
// Main calls result() only once the callback has read, so that no weft call
// of main's (which takes the runtime's order mutex) runs while the report is
// made.
// RUN: %weft c++ --tsan %s -o %t.ok
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE %s -o %t.race
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// OK: callback read 42 on ThreadPoolExecutor-0_0
// RACE: callback read 42 on ThreadPoolExecutor-0_0

#include <weft/weft.h>

#include <atomic>

using namespace weft;
using futures::Future;
using futures::ThreadPoolExecutor;

int Shared = 0;
// Each flag sits on its own cache line: TSan keeps 4 accesses per 8 bytes,
// so a flag next to the racy variable could evict the access that races.
alignas(64) std::atomic<int> Running{0}; // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> Go{0};      // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> ReadDone{0}; // relaxed only: no happens-before for TSan

int main() {
  ThreadPoolExecutor Ex(1);
  Future<int> F = Ex.submit([] {
    Running.store(1, std::memory_order_relaxed);
    while (Go.load(std::memory_order_relaxed) == 0) {
    }
    return 1;
  });
  while (Running.load(std::memory_order_relaxed) == 0) {
  }
#ifndef RACE
  Shared = 42; // before add_done_callback: handed over
#endif
  F.add_done_callback([](Future<int> &) {
    // RACE: handoff-future-callback.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Shared': read by thread 'ThreadPoolExecutor-0_0' and an earlier write by main thread 'MainThread' are not ordered by any synchronization [data-race]
    // RACE-NEXT: handoff-future-callback.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by thread 'ThreadPoolExecutor-0_0' here, holding no weft lock
    int V = Shared;
    ReadDone.store(1, std::memory_order_relaxed);
    print("callback read", V, "on", threading::current_thread().name());
  });
#ifdef RACE
  // RACE-NEXT: handoff-future-callback.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by main thread 'MainThread' here, holding no weft lock (it had never taken one)
  Shared = 42; // after add_done_callback: nothing orders it before the callback
#endif
  Go.store(1, std::memory_order_relaxed);
  while (ReadDone.load(std::memory_order_relaxed) == 0) {
  }
  F.result();
}
// RACE-NEXT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// RACE-NEXT: 1 warning generated.
