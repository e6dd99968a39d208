// An RLock acquired twice but released once stays held (the outer
// acquisition is the one left unmatched).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

weft::threading::RLock r;

void nested() {
  r.acquire();
  // CHECK: [[@LINE-1]]:3: warning: 'r' acquired here is not released when the function ends at line [[#@LINE+3]] [missing-release]
  r.acquire();
  r.release();
}
