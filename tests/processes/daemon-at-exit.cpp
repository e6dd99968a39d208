// Python's end of the main process (multiprocessing.util._exit_function):
// a daemon child still running is terminated (SIGTERM), and every other
// child is waited for. The trace shows the signal and both joins at exit
// (no site: the runtime did it). The daemon sleeps 100 s, so it is still
// running when the main code ends whatever the timing; the other child
// ends by itself after 0.2 s.
// RUN: rm -rf %t && mkdir %t
// RUN: %weft c++ %s -o %t/prog
// RUN: %weft run --trace %t/run.wtrace %t/prog > %t/out 2>&1
// RUN: FileCheck %s --input-file=%t/out --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: main ends
// CHECK-NEXT: worker done
// CHECK-NEXT: weft: trace: {{.*}}run.wtrace
// RUN: %weft trace show --no-times %t/run.wtrace > %t/show 2>/dev/null
// RUN: FileCheck %s --check-prefix=SHOW --input-file=%t/show
// SHOW: MainThread{{ +}}process-start{{ +}}pid [[D:[0-9]+]]{{ +}}daemon-at-exit.cpp:34
// SHOW: MainThread{{ +}}process-start{{ +}}pid [[W:[0-9]+]]{{ +}}daemon-at-exit.cpp:35
// SHOW: MainThread{{ +}}process-signal{{ +}}signal 15 to pid [[D]]{{ *$}}
// SHOW: MainThread{{ +}}process-join{{ +}}pid [[D]]{{ *$}}
// SHOW: MainThread{{ +}}process-join{{ +}}pid [[W]]{{ *$}}

#include <weft/weft.h>

using namespace weft;
using multiprocessing::Process;

int main() {
  Process Daemon([] { time::sleep(100); });
  Daemon.set_daemon(true);
  Process Worker([] {
    time::sleep(0.2);
    print("worker done");
  });
  Daemon.start();
  Worker.start();
  print("main ends");
}
