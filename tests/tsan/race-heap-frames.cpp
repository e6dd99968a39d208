// A race whose access has no source line of its own: TSan's top frame is
// its operator new or operator delete interceptor (an allocation counts as
// a write of the block, a free as a write of all of it). The report shows
// the first frame in user code instead: the line of the `new` or the
// `delete`. A race with a free has no "location" in TSan's report (the block
// is going away), so it says no object; asking TSan for one used to make it
// abort on a failed CHECK.
// Default build: main allocates and publishes the pointer with a relaxed
// atomic; the thread writes the block. -DFREE: the thread reads the block
// and says so with a relaxed atomic; main deletes it. Relaxed atomics give
// ThreadSanitizer no happens-before, so each race is reported every run. The
// other thread then waits (relaxed) until the racing access is done, so that
// no weft call of its own (which takes the runtime's order mutex) runs while
// the report is made.
// RUN: %weft c++ --tsan %s -o %t.new
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.new 2>&1 | FileCheck %s --check-prefix=NEW --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not='<null>'
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.new 2>&1 | FileCheck %s --check-prefix=NEW --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not='<null>'
// RUN: %weft c++ --tsan -DFREE %s -o %t.free
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.free 2>&1 | FileCheck %s --check-prefix=FREE --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not='<null>' --implicit-check-not=CHECK
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.free 2>&1 | FileCheck %s --check-prefix=FREE --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not='<null>' --implicit-check-not=CHECK
// NEW: done
// FREE: read 0

#include <weft/weft.h>

#include <atomic>

using namespace weft;
using namespace weft::threading;

// Each flag sits on its own cache line: TSan keeps 4 accesses per 8 bytes,
// so a flag next to the racy variable could evict the access that races.
alignas(64) std::atomic<int *> Posted{nullptr}; // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> Running{0};        // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> Read{0};           // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> Raced{0};          // relaxed only: no happens-before for TSan

int main() {
#ifndef FREE
  Thread T([] {
    Running.store(1, std::memory_order_relaxed);
    int *P = nullptr;
    while ((P = Posted.load(std::memory_order_relaxed)) == nullptr) {
    }
    // NEW: race-heap-frames.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on a heap block of 8 bytes: write by thread 'Thread-1' and an earlier write by main thread 'MainThread' are not ordered by any synchronization [data-race]
    // NEW-NEXT: race-heap-frames.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: write by thread 'Thread-1' here, holding no weft lock
    P[0] = 1;
    Raced.store(1, std::memory_order_relaxed);
  });
  T.start();
  while (Running.load(std::memory_order_relaxed) == 0) {
  }
  // NEW-NEXT: race-heap-frames.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by main thread 'MainThread' here, holding no weft lock (it had never taken one)
  int *Block = new int[2]; // uninitialized: the allocation is the write
  Posted.store(Block, std::memory_order_relaxed);
  while (Raced.load(std::memory_order_relaxed) == 0) {
  }
  T.join();
  delete[] Block;
  print("done");
#else
  int *Block = new int[2]();
  Thread T([Block] {
    int V = Block[0];
    Read.store(1, std::memory_order_relaxed);
    while (Raced.load(std::memory_order_relaxed) == 0) {
    }
    print("read", V);
  });
  T.start();
  while (Read.load(std::memory_order_relaxed) == 0) {
  }
  // FREE: race-heap-frames.cpp:[[#@LINE+3]]:{{[0-9]+}}: warning: data race: write by main thread 'MainThread' and an earlier read by thread 'Thread-1' are not ordered by any synchronization [data-race]
  // FREE-NEXT: race-heap-frames.cpp:[[#@LINE+2]]:{{[0-9]+}}: note: write by main thread 'MainThread' here, holding no weft lock
  // FREE-NEXT: race-heap-frames.cpp:[[#@LINE-11]]:{{[0-9]+}}: note: earlier read by thread 'Thread-1' here, holding no weft lock (it had never taken one)
  delete[] Block; // the free writes the whole block
  Raced.store(1, std::memory_order_relaxed);
  T.join();
#endif
}
// NEW-NEXT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// NEW-NEXT: 1 warning generated.
// FREE-NEXT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// FREE-NEXT: 1 warning generated.
