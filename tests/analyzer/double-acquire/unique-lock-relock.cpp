// unique_lock re-locked while it still owns the mutex.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex m;

void f() {
  std::unique_lock<std::mutex> lk(m);
  m.lock();
  // CHECK: [[@LINE-1]]:3: error: 'm' acquired here while already held by this thread (self-deadlock) [double-acquire]
}
