// An exception escaping run() is printed the way Python prints it, and the
// thread ends normally (the program continues and exits 0).
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE

#include <weft/weft.h>

#include <stdexcept>

using namespace weft;
using namespace weft::threading;

int main() {
  Thread T1([] { throw ValueError("bad value"); });
  T1.start();
  T1.join();
  // CHECK: Exception in thread Thread-1:
  // CHECK-NEXT: ValueError: bad value
  Thread T2(ThreadOptions{.name = "worker"},
            [] { throw std::out_of_range("index 3"); });
  T2.start();
  T2.join();
  // CHECK-NEXT: Exception in thread worker:
  // CHECK-NEXT: Exception: index 3
  Thread T3([] {
    Lock L;
    L.release();
  });
  T3.start();
  T3.join();
  // CHECK-NEXT: Exception in thread Thread-2:
  // CHECK-NEXT: RuntimeError: release unlocked lock
  print("main goes on", T1.is_alive());
  // CHECK-NEXT: main goes on False
}

// TRACE: thread-end
