// missing-release at the end of a process: a child takes a
// multiprocessing.Lock and ends without releasing it, so the parent can
// never take it again (its timed acquire fails). The child's own report
// names the process as Python does (Process-1), and `weft trace check` of
// the run finds the same in the merged trace. The fixed twin (-DFIXED)
// releases it: no finding from either, and the parent takes the lock.
// RUN: %weft c++ %s -o %t
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %expect-exit 66 %weft run --trace %t.d/run.wtrace %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: child took it
// CHECK-DAG: missing-release-process.cpp:31:3: warning: process 'Process-1' ends while still holding multiprocessing.Lock 'lock' (created at missing-release-process.cpp:39) [missing-release]
// CHECK-DAG: acquired after: False
// RUN: %expect-exit 1 %weft trace check %t.d/run.wtrace 2>&1 | FileCheck %s --check-prefix=TRACE --implicit-check-not=warning: --implicit-check-not=error:
// TRACE: warning: process 'Process-1' ends while still holding multiprocessing.Lock 'lock' (created at missing-release-process.cpp:{{[0-9]+}}) [missing-release]
//
// RUN: %weft c++ -DFIXED %s -o %t.fixed
// RUN: rm -rf %t.f && mkdir %t.f
// RUN: %weft run --trace %t.f/run.wtrace %t.fixed > %t.fixed.out 2>&1
// RUN: FileCheck %s --check-prefix=FIXED --input-file=%t.fixed.out --implicit-check-not=warning: --implicit-check-not=error:
// FIXED: child took it
// FIXED: acquired after: True
// RUN: %weft trace check %t.f/run.wtrace > %t.check 2>&1
// RUN: not grep . %t.check
#include <weft/weft.h>

using namespace weft;
namespace mp = weft::multiprocessing;

void child(mp::Lock l) {
  l.acquire();
  print("child took it");
#ifdef FIXED
  l.release();
#endif
}

int main() {
  mp::Lock lock;
  mp::Process p(child, lock);
  p.start();
  p.join();
  bool got = lock.acquire(true, 0.2);
  print("acquired after:", got);
  if (got)
    lock.release();
}
