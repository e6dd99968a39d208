// futures.wait(), futures.as_completed() and Future.done() hand over what
// the task did: the task's end happens before a wait() that returns it in
// `done`, before as_completed() yields it, and before a done() that returns
// true, so reading what the task wrote is not a race (without calling
// result()). Built with -DRACE_WAIT, -DRACE_AS_COMPLETED or -DRACE_DONE, main
// does not wait (iterate, poll done()) before that read: it waits for the
// write with a relaxed atomic (no happens-before for ThreadSanitizer), and
// that race is reported every run, with both lines. The worker is started
// by a first task that main waits for, so the only edge left between a task
// and main's read is the future's. In a racy build the task then waits until
// main has read, so that no weft call of the worker's (which takes the
// runtime's order mutex) runs while the report is made.
// RUN: %weft c++ --tsan %s -o %t.ok
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t.ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE_WAIT %s -o %t.wait
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.wait 2>&1 | FileCheck %s --check-prefix=WAIT --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.wait 2>&1 | FileCheck %s --check-prefix=WAIT --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE_AS_COMPLETED %s -o %t.asc
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.asc 2>&1 | FileCheck %s --check-prefix=ASC --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.asc 2>&1 | FileCheck %s --check-prefix=ASC --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --tsan -DRACE_DONE %s -o %t.done
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.done 2>&1 | FileCheck %s --check-prefix=DONE --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t.done 2>&1 | FileCheck %s --check-prefix=DONE --implicit-check-not=warning: --implicit-check-not=error:
// OK: wait read 42 as_completed read 43 done read 44
// WAIT: wait read 42 as_completed read 43 done read 44
// ASC: wait read 42 as_completed read 43 done read 44
// DONE: wait read 42 as_completed read 43 done read 44

#include <weft/weft.h>

#include <atomic>
#include <vector>

using namespace weft;
using futures::Future;
using futures::ThreadPoolExecutor;

int SharedA = 0;
// Each variable and flag sits on its own cache line: TSan keeps 4 accesses
// per 8 bytes, so a flag next to the racy variable could evict the access
// that races.
alignas(64) int SharedB = 0;
alignas(64) int SharedC = 0;
alignas(64) std::atomic<int> WrittenA{0}; // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> WrittenB{0}; // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> WrittenC{0}; // relaxed only: no happens-before for TSan
alignas(64) std::atomic<int> ReadDone{0}; // relaxed only: no happens-before for TSan

/// In the racy build of a part: the task waits for main's read.
void waitForRead(bool Racy) {
  while (Racy && ReadDone.load(std::memory_order_relaxed) == 0) {
  }
}
#ifdef RACE_WAIT
constexpr bool RacyA = true;
#else
constexpr bool RacyA = false;
#endif
#ifdef RACE_AS_COMPLETED
constexpr bool RacyB = true;
#else
constexpr bool RacyB = false;
#endif
#ifdef RACE_DONE
constexpr bool RacyC = true;
#else
constexpr bool RacyC = false;
#endif

int main() {
  ThreadPoolExecutor Ex(1);
  Ex.submit([] { return 0; }).result(); // the worker exists and is idle

  std::vector<Future<void>> A{Ex.submit([] {
    // WAIT-DAG: handoff-future-wait.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by thread 'ThreadPoolExecutor-0_0' here, holding no weft lock (it had never taken one)
    SharedA = 42;
    WrittenA.store(1, std::memory_order_relaxed);
    waitForRead(RacyA);
  })};
#ifndef RACE_WAIT
  auto Waited = futures::wait(A); // ALL_COMPLETED: A[0] is in Waited.done
#endif
  while (WrittenA.load(std::memory_order_relaxed) == 0) {
  }
  // WAIT-DAG: handoff-future-wait.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'SharedA': read by main thread 'MainThread' and an earlier write by thread 'ThreadPoolExecutor-0_0' are not ordered by any synchronization [data-race]
  // WAIT-DAG: handoff-future-wait.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by main thread 'MainThread' here, holding no weft lock
  int VA = SharedA;
  ReadDone.store(RacyA, std::memory_order_relaxed);

  std::vector<Future<void>> B{Ex.submit([] {
    // ASC-DAG: handoff-future-wait.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by thread 'ThreadPoolExecutor-0_0' here, holding no weft lock (it had never taken one)
    SharedB = 43;
    WrittenB.store(1, std::memory_order_relaxed);
    waitForRead(RacyB);
  })};
#ifndef RACE_AS_COMPLETED
  for (Future<void> &F : futures::as_completed(B))
    (void)F;
#endif
  while (WrittenB.load(std::memory_order_relaxed) == 0) {
  }
  // ASC-DAG: handoff-future-wait.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'SharedB': read by main thread 'MainThread' and an earlier write by thread 'ThreadPoolExecutor-0_0' are not ordered by any synchronization [data-race]
  // ASC-DAG: handoff-future-wait.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by main thread 'MainThread' here, holding no weft lock
  int VB = SharedB;
  ReadDone.store(RacyB, std::memory_order_relaxed);

  Future<void> C = Ex.submit([] {
    // DONE-DAG: handoff-future-wait.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: earlier write by thread 'ThreadPoolExecutor-0_0' here, holding no weft lock (it had never taken one)
    SharedC = 44;
    WrittenC.store(1, std::memory_order_relaxed);
    waitForRead(RacyC);
  });
#ifndef RACE_DONE
  while (!C.done()) {
  }
#endif
  while (WrittenC.load(std::memory_order_relaxed) == 0) {
  }
  // DONE-DAG: handoff-future-wait.cpp:[[#@LINE+2]]:{{[0-9]+}}: warning: data race on global 'SharedC': read by main thread 'MainThread' and an earlier write by thread 'ThreadPoolExecutor-0_0' are not ordered by any synchronization [data-race]
  // DONE-DAG: handoff-future-wait.cpp:[[#@LINE+1]]:{{[0-9]+}}: note: read by main thread 'MainThread' here, holding no weft lock
  int VC = SharedC;
  ReadDone.store(RacyC, std::memory_order_relaxed);
  print("wait read", VA, "as_completed read", VB, "done read", VC);
  A[0].result();
  B[0].result();
  C.result();
}
// WAIT: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// WAIT-NEXT: 1 warning generated.
// ASC: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// ASC-NEXT: 1 warning generated.
// DONE: note: ThreadSanitizer's own report: {{.*}}.log.{{[0-9]+}}
// DONE-NEXT: 1 warning generated.
