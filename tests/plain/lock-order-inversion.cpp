// Two transfers between accounts take the two std::mutexes in opposite
// orders. This run does not deadlock (the second transfer starts only
// after the first is done, through an atomic flag, which orders nothing
// for weft), but another schedule would: a lock-order inversion, at the
// program's lines. The fixed twin takes both at once with std::scoped_lock
// (std::lock's try-and-back-off never waits while holding): no report.
// RUN: %weft c++ --plain %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --plain -DFIXED %s -o %t.fixed
// RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// CHECK: balances 90 110
// CHECK-NEXT: lock-order-inversion.cpp:35:31: warning: lock-order inversion (potential deadlock): Lock 'alice' and Lock 'bob' are acquired in opposite orders [lock-order-inversion]
// CHECK-NEXT: lock-order-inversion.cpp:35:31: note: thread 'Thread-1' acquires Lock 'bob' here while holding Lock 'alice'
// CHECK-NEXT: lock-order-inversion.cpp:34:31: note: Lock 'alice' acquired here
// CHECK-NEXT: lock-order-inversion.cpp:35:31: note: thread 'Thread-2' acquires Lock 'alice' here while holding Lock 'bob'
// CHECK-NEXT: lock-order-inversion.cpp:34:31: note: Lock 'bob' acquired here
// CHECK-NEXT: 1 warning generated.
// FIXED: balances 90 110

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  int balance = 100;
};
Account alice, bob;
std::atomic<bool> first_done{false};

void transfer(Account &from, Account &to, int amount) {
#ifndef FIXED
  std::lock_guard<std::mutex> a(from.m);
  std::lock_guard<std::mutex> b(to.m);
#else
  std::scoped_lock both(from.m, to.m);
#endif
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  std::thread t1([] {
    transfer(alice, bob, 30);
    first_done = true;
  });
  std::thread t2([] {
    while (!first_done)
      std::this_thread::yield();
    transfer(bob, alice, 20);
  });
  t1.join();
  t2.join();
  std::printf("balances %d %d\n", alice.balance, bob.balance);
}
