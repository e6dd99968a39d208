// The course's L06_lock: a plain Lock acquired twice by its owner.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

weft::threading::Lock lock;
int num;

void f() {
  lock.acquire();
  num += 1;
  lock.acquire();
  // CHECK: [[@LINE-1]]:3: error: 'lock' acquired here while already held by this thread (self-deadlock) [double-acquire]
  // CHECK-NEXT: :[[#@LINE-4]]:3: note: 'lock' first acquired here
  num += 1;
  lock.release();
  lock.release();
}
