// A Barrier hand-off is not a race: each of two parties writes its own slot,
// passes the barrier, then reads the other party's slot. Built with -DRACE
// the parties meet on a relaxed atomic counter instead, which orders the
// accesses in time but not for ThreadSanitizer. Both reads then race with
// the other party's write; TSan reports one race per pair of code locations,
// so exactly one finding names both lines (which party reads first is not
// fixed, hence the patterns on the thread names). Neither party makes a weft
// call between its write and its read, so nothing orders them by chance.
// RUN: %weft c++ --tsan %s -o %t.ok
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE %s -o %t.race
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE --implicit-check-not=warning: --implicit-check-not=error:
// OK: main read 11 thread read 10
// RACE: main read 11 thread read 10

#include <weft/weft.h>

#include <atomic>

using namespace weft;
using namespace weft::threading;

int Slots[2] = {0, 0};
// Each flag sits on its own cache line: TSan keeps 4 accesses per 8 bytes,
// so a flag next to the racy variable could evict the access that races.
alignas(64) std::atomic<int> Arrived{0}; // relaxed only: no happens-before for TSan

// Party I writes its own slot, passes the barrier, reads the other's slot.
int exchange(Barrier &B, int I) {
  // RACE-DAG: handoff-barrier.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by {{(main thread 'MainThread'|thread 'Thread-1')}} here, holding no weft lock (it had never taken one)
  Slots[I] = 10 + I;
#ifdef RACE
  Arrived.fetch_add(1, std::memory_order_relaxed);
  while (Arrived.load(std::memory_order_relaxed) < 2) {
  }
#else
  B.wait();
#endif
  // RACE-DAG: handoff-barrier.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Slots': read by {{(main thread 'MainThread'|thread 'Thread-1')}} and an earlier write by {{(main thread 'MainThread'|thread 'Thread-1')}} are not ordered by any synchronization [data-race]
  // RACE-DAG: handoff-barrier.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by {{(main thread 'MainThread'|thread 'Thread-1')}} here, holding no weft lock
  return Slots[1 - I];
}

int main() {
  Barrier B(2);
  int FromMain = 0;
  Thread T([&] { FromMain = exchange(B, 1); });
  T.start();
  int FromThread = exchange(B, 0);
  T.join();
  print("main read", FromThread, "thread read", FromMain);
}
// RACE: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// RACE-NEXT: 1 warning generated.
