// Two unrelated locks do not order the accesses they surround: the runtime
// is not instrumented (only annotated), so its own internal mutex (taken by
// every acquire and release) creates no happens-before edge for TSan. The
// race is reported although both threads went through the runtime between
// the two accesses.
// RUN: %weft c++ --tsan %s -o %t
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

#include <atomic>

using namespace weft;
using namespace weft::threading;

int Shared = 0;
// Each flag sits on its own cache line: TSan keeps 4 accesses per 8 bytes,
// so a flag next to the racy variable could evict the access that races.
alignas(64) std::atomic<int> Step{0}; // relaxed only: no happens-before for TSan

int main() {
  Lock Mine, Theirs;
  Thread T([&] {
    while (Step.load(std::memory_order_relaxed) == 0) {
    }
    Theirs.acquire();
    Theirs.release();
    // CHECK: unrelated-locks.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'Shared': read by thread 'Thread-1' and an earlier write by main thread 'MainThread' are not ordered by any synchronization [data-race]
    // CHECK-NEXT: unrelated-locks.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by thread 'Thread-1' here, holding no weft lock
    int V = Shared;
    print("read", V);
  });
  T.start();
  // CHECK-NEXT: unrelated-locks.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by main thread 'MainThread' here, the weft locks it held then are not known
  Shared = 42;
  Mine.acquire();
  Mine.release();
  Step.store(1, std::memory_order_relaxed);
  T.join();
}
// CHECK-NEXT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// CHECK-NEXT: 1 warning generated.
