// A cycle of three: no pair is inverted, the three together are.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex a, b, c;

void ab() {
  std::scoped_lock la(a);
  std::scoped_lock lb(b);
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'a', 'b' and 'c' are acquired in a cyclic order [lock-order-inversion]
}

void bc() {
  std::scoped_lock lb(b);
  std::scoped_lock lc(c);
}

void ca() {
  std::scoped_lock lc(c);
  std::scoped_lock la(a);
}
