// A thread acquires a Lock it already holds: double-acquire, and since
// nobody else can release it, a deadlock. Reported, not hung; exit 66.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

using namespace weft::threading;

int main() {
  Lock L("l");
  L.acquire();
  weft::print("first acquire");
  L.acquire();
  weft::print("not reached");
}

// Findings are sorted by place, then rule: deadlock before double-acquire.
// CHECK: first acquire
// CHECK-NEXT: self-deadlock.cpp:14:3: error: deadlock: main thread 'MainThread' waits forever for Lock 'l' which it holds itself [deadlock]
// CHECK-NEXT: self-deadlock.cpp:14:3: note: main thread 'MainThread' waits for Lock 'l' here
// CHECK-NEXT: self-deadlock.cpp:12:3: note: Lock 'l' is held by main thread 'MainThread', acquired here
// CHECK-NEXT: self-deadlock.cpp:14:3: error: main thread 'MainThread' acquires Lock 'l' again while holding it; a Lock is not reentrant, so this blocks forever [double-acquire]
// CHECK-NEXT: self-deadlock.cpp:12:3: note: first acquired here
// CHECK-NEXT: 2 errors generated.
// CHECK-NEXT: weft: trace written to {{.*}}.wtrace
// CHECK-NOT: not reached
