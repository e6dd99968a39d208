// A thread body that never releases: every later thread blocks.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>

std::mutex m;
int counter;

void worker() {
  m.lock();
  // CHECK: [[@LINE-1]]:3: warning: 'm' acquired here is not released when the function ends at line [[#@LINE+2]] [missing-release]
  ++counter;
}

int main() {
  std::thread a(worker), b(worker);
  a.join();
  b.join();
}
