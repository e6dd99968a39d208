// Thread.start() hands over what the starting thread wrote before it: not a
// race. Built with -DRACE, main writes after start() and the thread waits
// for it with a relaxed atomic (no happens-before for ThreadSanitizer): the
// race is reported every run, with both lines.
// RUN: %weft c++ --tsan %s -o %t.ok
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE %s -o %t.race
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
alignas(64) std::atomic<int> Written{0}; // relaxed only: no happens-before for TSan

int main() {
  Thread T([&] {
    while (Written.load(std::memory_order_relaxed) == 0) {
    }
    // RACE: handoff-start.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Shared': read by thread 'Thread-1' and an earlier write by main thread 'MainThread' are not ordered by any synchronization [data-race]
    // RACE-NEXT: handoff-start.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by thread 'Thread-1' here, holding no weft lock
    int V = Shared;
    print("read", V);
  });
#ifndef RACE
  Shared = 42; // before start: handed over
  Written.store(1, std::memory_order_relaxed);
#endif
  T.start();
#ifdef RACE
  // RACE-NEXT: handoff-start.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by main thread 'MainThread' here, holding no weft lock (it had never taken one)
  Shared = 42; // after start: nothing orders it before the read
  Written.store(1, std::memory_order_relaxed);
#endif
  T.join();
}
// RACE-NEXT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// RACE-NEXT: 1 warning generated.
