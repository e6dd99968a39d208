// The course's L04: an early return skips lock1.release().
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>
#include <cstdio>

weft::threading::Lock lock1;
int balance = 100;

void withdraw(int amount) {
  lock1.acquire();
  // CHECK: [[@LINE-1]]:3: warning: 'lock1' acquired here is not released when the function returns at line [[#@LINE+4]] [missing-release]
  // CHECK-NEXT: :[[#@LINE+3]]:5: note: returns here with 'lock1' held
  if (balance < amount) {
    std::printf("insufficient funds\n");
    return;
  }
  balance -= amount;
  lock1.release();
}

int main() {
  weft::threading::Thread t1(withdraw, 80), t2(withdraw, 50);
  t1.start();
  t2.start();
  t1.join();
  t2.join();
}
