// A helper that locks, called with the lock held.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex m;
int shared;

void bump() {
  std::lock_guard<std::mutex> g(m);
  ++shared;
}

void twice() {
  std::lock_guard<std::mutex> g(m);
  bump();
  // CHECK: [[@LINE-1]]:3: error: this call acquires 'm' while it is already held by this thread (self-deadlock) [double-acquire]
  // CHECK-NEXT: :[[#@LINE-8]]:3: note: 'm' acquired here, in 'bump'
  // CHECK-NEXT: :[[#@LINE-4]]:3: note: 'm' first acquired here
}
