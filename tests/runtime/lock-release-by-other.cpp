// Python lets any thread release a Lock (a binary semaphore): allowed and
// clean, and the lock can be acquired again afterwards.
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

int main() {
  Lock L;
  L.acquire();
  Thread T([&L] { L.release(); });
  T.start();
  T.join();
  print("locked after other released:", L.locked());
  // CHECK: locked after other released: False
  Thread U([&L] {
    L.acquire();
    print("other acquired");
  });
  U.start();
  U.join();
  // CHECK-NEXT: other acquired
  L.release(); // main releases what the other thread took
  print("done", L.locked());
  // CHECK-NEXT: done False
}
