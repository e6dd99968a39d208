// unique_lock::unlock() when the guard no longer owns the lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <mutex>

std::mutex m;

void f() {
  std::unique_lock<std::mutex> lk(m);
  lk.unlock();
  // CHECK: :[[@LINE+1]]:3: error: 'm' released here although it is not held on any path reaching this release (already released) [release-unheld]
  lk.unlock();
}
