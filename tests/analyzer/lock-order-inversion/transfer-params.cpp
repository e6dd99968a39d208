// transfer(from, to) locks its parameters' mutexes; two threads pass the
// accounts in opposite orders.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  int balance = 0;
};

Account x, y;

void transfer(Account &from, Account &to, int amount) {
  std::lock_guard<std::mutex> a(from.m);
  std::lock_guard<std::mutex> b(to.m);
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'x.m' and 'y.m' are acquired in opposite orders [lock-order-inversion]
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  std::thread t1(transfer, std::ref(x), std::ref(y), 10);
  std::thread t2(transfer, std::ref(y), std::ref(x), 20);
  t1.join();
  t2.join();
}
