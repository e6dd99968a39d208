// unique_lock::release() gives up ownership: the mutex stays locked.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex m;

void leak() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK: [[@LINE-1]]:3: warning: 'm' acquired here is not released when the function ends at line [[#@LINE+2]] [missing-release]
  lk.release();
}
