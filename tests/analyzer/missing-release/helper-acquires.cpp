// A helper returns holding the lock (its contract); its caller forgets to
// release: reported at the caller's call, not in the helper.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

weft::threading::Lock lock;
int shared;

void enter() { lock.acquire(); }
void leave() { lock.release(); }

void good() {
  enter();
  ++shared;
  leave();
}

void bad(int x) {
  enter();
  // CHECK: [[@LINE-1]]:3: warning: 'lock' acquired here is not released when the function returns at line [[#@LINE+3]] [missing-release]
  // CHECK-NEXT: note: 'lock' acquired here, in 'enter'
  if (x > 10)
    return;
  ++shared;
  leave();
}
