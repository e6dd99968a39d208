// process-started-twice: the second start() of a Process is a finding and
// raises Python's AssertionError; the first run is not affected. The fixed
// twin (a new Process per run) is clean.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %weft run %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: run 1
// CHECK: caught AssertionError cannot start a process twice
// CHECK: started-twice.cpp:26:7: error: process 'Process-1' is started again here; a process can be started only once (AssertionError) [process-started-twice]
// CHECK-NEXT: started-twice.cpp:22:3: note: first started here
// RUN: %weft run %t fixed > %t.fixed 2>&1
// RUN: FileCheck %s --check-prefix=FIXED --input-file=%t.fixed --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// FIXED: run 1
// FIXED-NEXT: run 2

#include <weft/weft.h>

using namespace weft;

int main(int argc, char **) {
  multiprocessing::Process p([] { print("run 1"); });
  p.start();
  p.join();
  if (argc == 1) {
    try {
      p.start();
    } catch (const AssertionError &E) {
      print("caught", E.pythonName(), E.what());
    }
  } else {
    multiprocessing::Process q([] { print("run 2"); });
    q.start();
    q.join();
  }
}
