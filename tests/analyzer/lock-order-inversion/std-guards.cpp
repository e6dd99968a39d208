// lock_guard / unique_lock taken in opposite orders.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>

std::mutex a, b;
int shared;

void one() {
  std::lock_guard<std::mutex> ga(a);
  std::lock_guard<std::mutex> gb(b);
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'a' and 'b' are acquired in opposite orders [lock-order-inversion]
  ++shared;
}

void two() {
  std::unique_lock<std::mutex> lb(b);
  std::unique_lock<std::mutex> la(a);
  --shared;
}

int main() {
  std::thread t1(one), t2(two);
  t1.join();
  t2.join();
}
