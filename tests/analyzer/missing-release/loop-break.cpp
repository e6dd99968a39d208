// A break leaves the loop between lock() and unlock().
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex m;
int total;

void sum(const int *items, int n) {
  for (int i = 0; i < n; ++i) {
    m.lock();
    // CHECK: [[@LINE-1]]:5: warning: 'm' acquired here is not released when the function ends at line [[#@LINE+6]] [missing-release]
    if (items[i] < 0)
      break;
    total += items[i];
    m.unlock();
  }
}
// CHECK: :[[#@LINE-1]]:1: note: the function ends here with 'm' held
