// std::mutex locked by hand, an error path returns without unlock().
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <vector>

std::mutex m;
std::vector<int> items;

int pop() {
  m.lock();
  // CHECK: [[@LINE-1]]:3: warning: 'm' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
  if (items.empty())
    return -1;
  // CHECK: :[[#@LINE-1]]:5: note: returns here with 'm' held
  int v = items.back();
  items.pop_back();
  m.unlock();
  return v;
}
