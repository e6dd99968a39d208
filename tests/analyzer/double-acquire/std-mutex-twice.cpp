// std::mutex locked twice: by hand, and by a guard while held.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex m, n;
int shared;

void a() {
  m.lock();
  m.lock();
  // CHECK: [[@LINE-1]]:3: error: 'm' acquired here while already held by this thread (self-deadlock) [double-acquire]
  ++shared;
  m.unlock();
}

void b() {
  std::lock_guard<std::mutex> outer(n);
  if (shared > 0) {
    std::lock_guard<std::mutex> inner(n);
    // CHECK: [[@LINE-1]]:5: error: 'n' acquired here while already held by this thread (self-deadlock) [double-acquire]
    ++shared;
  }
}
