// A goto jumps over the release.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

weft::threading::Lock lk;
int state;

int step(int x) {
  lk.acquire();
  // CHECK: [[@LINE-1]]:3: warning: 'lk' acquired here is not released when the function returns at line [[#@LINE+7]] [missing-release]
  if (x < 0)
    goto fail;
  state += x;
  lk.release();
  return 0;
fail:
  return -1;
}
