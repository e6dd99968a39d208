// Python's exit: main returns, non-daemon threads are waited for (their
// output appears after main's last line), a daemon thread still running is
// not waited for and shows up in the trace as killed.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

Lock Gate("gate");
Thread *Late; // a non-daemon thread main never joins

int main() {
  Gate.acquire();
  Late = new Thread([] {
    Gate.acquire(); // runs once main has released the gate and returned
    print("non-daemon thread finishes after main");
    Gate.release();
  });
  Late->start();
  Thread *Forever = new Thread(ThreadOptions{.name = "spinner", .daemon = true},
                               [] {
                                 for (;;)
                                   time::sleep(0.01);
                               });
  Forever->start();
  print("main returns");
  Gate.release();
  return 0;
}

// CHECK: main returns
// CHECK-NEXT: non-daemon thread finishes after main
// TRACE: daemon-killed {{.*}}spinner
// TRACE: program-exit
