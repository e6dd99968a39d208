// Each file alone is consistent; together they invert (Inputs/cross-tu-b.cpp).
// RUN: %expect-exit 1 %weft analyze %s %S/Inputs/cross-tu-b.cpp --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// RUN: %expect-exit 0 %weft analyze %S/Inputs/cross-tu-b.cpp --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>

extern std::mutex first, second;
std::mutex first, second;

void forward() {
  std::lock_guard<std::mutex> a(first);
  std::lock_guard<std::mutex> b(second);
  // CHECK: Inputs/cross-tu-b.cpp:9:3: warning: lock-order inversion (potential deadlock): 'second' and 'first' are acquired in opposite orders [lock-order-inversion]
  // CHECK-NEXT: Inputs/cross-tu-b.cpp:9:3: note: 'first' acquired here while holding 'second'
  // CHECK-NEXT: Inputs/cross-tu-b.cpp:8:3: note: 'second' acquired here
  // CHECK-NEXT: cross-tu.cpp:[[#@LINE-4]]:3: note: 'second' acquired here while holding 'first'
  // CHECK-NEXT: cross-tu.cpp:[[#@LINE-6]]:3: note: 'first' acquired here
}
