// threading.Timer: runs the function with its arguments after the
// interval, in its own thread ("Thread-N"); cancel() before it fires stops
// it; its wait is a timed wait on its Event `finished` (never a deadlock).
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

#include <string>

using namespace weft;
using namespace weft::threading;

void hello(const std::string &Who, int N) {
  print("hello,", Who, N, "from", current_thread().name());
}

int main() {
  double Start = time::monotonic();
  Timer T(0.05, hello, std::string("timer"), 1);
  print("interval:", T.interval(), "finished:", T.finished().is_set());
  T.start();
  T.join();
  print("waited the interval:", time::monotonic() - Start >= 0.04,
        "finished:", T.finished().is_set());
  // CHECK: interval: 0.05 finished: False
  // CHECK-NEXT: hello, timer 1 from Thread-1
  // CHECK-NEXT: waited the interval: True finished: True

  // cancel() before the timer's wait ends: the function never runs.
  // (Cancelled before start, so no schedule can let the interval end
  // first; a controlled scheduler may time out any timed wait early.)
  Timer Never(30, [] { print("not reached"); });
  Never.cancel();
  Never.start();
  Never.join();
  print("cancelled:", Never.finished().is_set());
  // CHECK-NEXT: cancelled: True
  // CHECK-NOT: not reached

  // A daemon timer still running when main returns is not waited for:
  // whether it is still waiting or already blocked in its function, it is
  // killed at exit.
  Event Forever;
  Timer Late(60, [&Forever] { Forever.wait(); });
  Late.set_daemon(true);
  Late.start();
  print("main returns");
  // CHECK-NEXT: main returns
}

// TRACE: wait-block {{.*}}Event (created at timer.cpp:22){{.*}}timer.cpp:22
// TRACE: daemon-killed
