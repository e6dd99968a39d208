// L04's shape: the "insufficient balance" branch returns without releasing
// the lock, so the thread ends holding it (missing-release, exit 66). The
// other path releases properly and is not reported.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

Lock Lock1("lock1");
int Money = 100;

void withdraw(int Amount) {
  Lock1.acquire();
  if (Money < Amount) {
    print("insufficient balance");
    return; // the lesson's bug: no release
  }
  Money -= Amount;
  Lock1.release();
}

int main() {
  Thread A(withdraw, 80);
  A.start();
  A.join();
  Thread B(withdraw, 80);
  B.start();
  B.join();
  print("money:", Money);
}

// CHECK: insufficient balance
// CHECK-NEXT: money: 20
// CHECK-NEXT: missing-release.cpp:16:3: warning: thread 'Thread-2' ends while still holding Lock 'lock1' [missing-release]
// CHECK-NEXT: missing-release.cpp:30:3: note: thread 'Thread-2' was started here
// CHECK-NEXT: 1 warning generated.
// CHECK-NEXT: weft: trace written to
