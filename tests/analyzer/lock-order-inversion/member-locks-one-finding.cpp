// Two methods take the object's two mutexes in opposite orders; lambdas call
// them on one object. The cycle exists under the per-class names
// (Bank::savings_m) and renamed into the object (b.savings_m): one finding.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>

class Bank {
public:
  void save_to_checking(int x) {
    std::unique_lock<std::mutex> s(savings_m);
    // CHECK: member-locks-one-finding.cpp:[[#@LINE+1]]:5: warning: lock-order inversion (potential deadlock): 'Bank::savings_m' and 'Bank::checking_m' are acquired in opposite orders [lock-order-inversion]
    std::unique_lock<std::mutex> c(checking_m);
    savings -= x;
    checking += x;
  }
  void checking_to_save(int x) {
    std::unique_lock<std::mutex> c(checking_m);
    // CHECK: member-locks-one-finding.cpp:[[#@LINE+1]]:5: note: 'Bank::savings_m' acquired here while holding 'Bank::checking_m'
    std::unique_lock<std::mutex> s(savings_m);
    checking -= x;
    savings += x;
  }

private:
  std::mutex savings_m, checking_m;
  int savings = 100, checking = 100;
};

int main() {
  Bank b;
  std::thread t1([&] { for (int i = 0; i < 100; i++) b.save_to_checking(1); });
  std::thread t2([&] { for (int i = 0; i < 100; i++) b.checking_to_save(1); });
  t1.join();
  t2.join();
}
