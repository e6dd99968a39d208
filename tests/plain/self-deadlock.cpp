// A std::mutex (a normal pthread mutex) locked again by the thread that
// holds it, through a helper: weft reports the self-deadlock and the
// double acquire at once instead of hanging. The fixed twin uses
// std::recursive_mutex, which may be re-entered (the RUN lines build both).
// RUN: %weft c++ --plain %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --plain -DFIXED %s -o %t.fixed
// RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// CHECK: self-deadlock.cpp:30:26: error: deadlock: main thread 'MainThread' waits forever for Lock 'm' which it holds itself [deadlock]
// CHECK-NEXT: self-deadlock.cpp:30:26: note: main thread 'MainThread' waits for Lock 'm' here
// CHECK-NEXT: self-deadlock.cpp:35:26: note: Lock 'm' is held by main thread 'MainThread', acquired here
// CHECK-NEXT: self-deadlock.cpp:30:26: error: main thread 'MainThread' acquires Lock 'm' again while holding it; a Lock is not reentrant, so this blocks forever [double-acquire]
// CHECK-NEXT: self-deadlock.cpp:35:26: note: first acquired here
// CHECK-NEXT: 2 errors generated.
// FIXED: total 3

#include <cstdio>
#include <mutex>

#ifdef FIXED
using Mutex = std::recursive_mutex;
#else
using Mutex = std::mutex;
#endif

Mutex m;
int total = 0;

void add(int n) {
  std::lock_guard<Mutex> g(m);
  total += n;
}

int main() {
  std::lock_guard<Mutex> g(m);
  add(1);
  add(2);
  std::printf("total %d\n", total);
}
