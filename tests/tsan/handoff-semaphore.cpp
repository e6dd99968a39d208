// A Semaphore hand-off is not a race: main writes Shared and releases a unit
// of a Semaphore(0); the thread's acquire obtains that unit, then it reads.
// Built with -DRACE the same program has no hand-off: the thread waits for
// main's write with a relaxed atomic, which orders the two accesses in time
// but not for ThreadSanitizer, so the race is reported every run, with both
// lines.
// The thread announces that it runs (relaxed) and main writes only after
// that: the thread makes no weft call between its start and its read, so no
// runtime-internal lock can order the write before the read by chance.
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
using namespace weft::threading;

int Shared = 0;
// Each flag sits on its own cache line: TSan keeps 4 accesses per 8 bytes,
// so a flag next to the racy variable could evict the access that races.
alignas(64) std::atomic<int> Running{0}; // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> Written{0}; // relaxed only: no happens-before for TSan

int main() {
  Semaphore Sem(0);
  Thread T([&] {
    Running.store(1, std::memory_order_relaxed);
#ifdef RACE
    while (Written.load(std::memory_order_relaxed) == 0) {
    }
#else
    Sem.acquire();
#endif
    // RACE: handoff-semaphore.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Shared': read by thread 'Thread-1' and an earlier write by main thread 'MainThread' are not ordered by any synchronization [data-race]
    // RACE-NEXT: handoff-semaphore.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by thread 'Thread-1' here, holding no weft lock
    int V = Shared;
    print("read", V);
  });
  T.start();
  while (Running.load(std::memory_order_relaxed) == 0) {
  }
  // RACE-NEXT: handoff-semaphore.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by main thread 'MainThread' here, holding no weft lock (it had never taken one)
  Shared = 42;
#ifdef RACE
  Written.store(1, std::memory_order_relaxed);
#else
  Sem.release();
#endif
  T.join();
}
// RACE-NEXT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// RACE-NEXT: 1 warning generated.
