// RLock: the owner re-enters and releases as many times; another thread
// waits until the last release. Clean: no finding, exit 0, no trace kept.
// RUN: %weft c++ %s -o %t
// RUN: rm -rf %t.tmp && mkdir %t.tmp
// RUN: env TMPDIR=%t.tmp %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// RUN: ls %t.tmp | count 0

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

RLock R("r");

void nested(int Depth) {
  Guard<RLock> G(R);
  if (Depth > 0)
    nested(Depth - 1);
}

int main() {
  R.acquire();
  R.acquire();
  print("twice:", R.locked());
  // CHECK: twice: True
  Thread T([] {
    print("other try:", R.acquire(false));
    R.acquire(); // waits for both releases
    print("other got it");
    R.release();
  });
  T.start();
  T.join(0.05);
  // CHECK-NEXT: other try: False
  R.release();
  T.join(0.05);
  print("still waiting:", T.is_alive());
  // CHECK-NEXT: still waiting: True
  R.release();
  T.join();
  // CHECK-NEXT: other got it
  nested(5);
  print("nested ok, locked:", R.locked());
  // CHECK-NEXT: nested ok, locked: False
}
