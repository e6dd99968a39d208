// Thread.join() hands over what the thread wrote: reading it after join is
// not a race. Built with -DRACE, main reads before join, after waiting for
// the write with a relaxed atomic (no happens-before for ThreadSanitizer):
// the race is reported every run, with both lines.
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
    // RACE-DAG: handoff-join.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by thread 'Thread-1' here, holding no weft lock (it had never taken one)
    Shared = 42;
    Written.store(1, std::memory_order_relaxed);
  });
  T.start();
#ifndef RACE
  T.join();
#endif
  while (Written.load(std::memory_order_relaxed) == 0) {
  }
  // RACE-DAG: handoff-join.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Shared': read by main thread 'MainThread' and an earlier write by thread 'Thread-1' are not ordered by any synchronization [data-race]
  // RACE-DAG: handoff-join.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by main thread 'MainThread' here, holding no weft lock
  int V = Shared;
  print("read", V);
#ifdef RACE
  T.join();
#endif
}
// RACE: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// RACE-NEXT: 1 warning generated.
