// Thread bodies written as lambdas capturing the mutexes by reference.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>

int main() {
  std::mutex left, right;
  int shared = 0;
  std::thread a([&] {
    std::lock_guard<std::mutex> l(left);
    std::lock_guard<std::mutex> r(right);
    // CHECK: [[@LINE-1]]:5: warning: lock-order inversion (potential deadlock): 'left' and 'right' are acquired in opposite orders [lock-order-inversion]
    ++shared;
  });
  std::thread b([&] {
    std::lock_guard<std::mutex> r(right);
    std::lock_guard<std::mutex> l(left);
    --shared;
  });
  a.join();
  b.join();
}
