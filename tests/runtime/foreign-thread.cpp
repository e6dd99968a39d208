// A thread weft did not start (std::thread) that calls into weft becomes a
// "Dummy-N" actor (daemon, like Python's _DummyThread) and is checked like
// any other: ending while holding a weft Lock is a missing release.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

#include <thread>

using namespace weft;
using namespace weft::threading;

Lock Shared("shared");

int main() {
  Thread Named([] {}); // Thread-1: the counter is shared with Dummy-N
  std::thread Foreign([] {
    Thread &Me = current_thread();
    print(Me.name(), Me.daemon(), Me.is_alive(), Me.ident().has_value(),
          active_count());
    Shared.acquire();
  });
  Foreign.join();
  print("alive after exit:", active_count());
}

// CHECK: Dummy-2 True True True 2
// CHECK-NEXT: alive after exit: 1
// CHECK-NEXT: foreign-thread.cpp:22:5: warning: foreign thread 'Dummy-2' ends while still holding Lock 'shared' [missing-release]
// CHECK-NEXT: 1 warning generated.
// CHECK-NEXT: weft: trace written to
