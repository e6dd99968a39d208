// weft::random's lock is invisible to ThreadSanitizer: two threads that
// both draw numbers are not ordered by the generator, so their unlocked
// writes to a shared global are still a data race, reported in every run
// and under every schedule (the threads are never ordered by anything: the
// report does not depend on which writes first).
// RUN: %weft c++ --tsan %s -o %t
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log WEFT_SCHEDULE=random:1 %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_TSAN_LOG=%t.log WEFT_SCHEDULE=rr %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: done
// CHECK: random-tsan.cpp:{{2[0-9]}}:{{[0-9]+}}: warning: data race on global 'Shared'{{.*}}[data-race]
// CHECK: 1 warning generated.
#include <weft/weft.h>

using namespace weft;

alignas(64) int Shared = 0;

int main() {
  threading::Thread A([] {
    Shared = 1;
    (void)random::random();
  });
  threading::Thread B([] {
    (void)random::randint(1, 6);
    Shared = 2;
  });
  A.start();
  B.start();
  A.join();
  B.join();
  print("done");
}
