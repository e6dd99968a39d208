// A function that misses a release on one path is reported even though
// another function calls it: only a function that returns holding the lock
// on every path (a lock wrapper) leaves the check to its callers.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>
#include <vector>

std::mutex m;
std::vector<int> jobs;

int take() {
  m.lock();
  // CHECK: [[@LINE-1]]:3: warning: 'm' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
  if (jobs.empty())
    return -1;
  // CHECK-NEXT: :[[#@LINE-1]]:5: note: returns here with 'm' held
  int j = jobs.back();
  jobs.pop_back();
  m.unlock();
  return j;
}

void worker() {
  while (take() >= 0) {
  }
}

int main() {
  jobs = {1, 2, 3};
  std::thread a(worker), b(worker);
  a.join();
  b.join();
}
