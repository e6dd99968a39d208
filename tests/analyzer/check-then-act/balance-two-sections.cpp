// Check balance in one critical section, withdraw in another.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <mutex>

std::mutex m;
int balance = 100;

bool withdraw(int amount) {
  m.lock();
  // CHECK: :[[@LINE+1]]:7: warning: 'balance' is checked here and written at line [[#@LINE+7]] in a different critical section; another thread can change it in between [check-then-act]
  if (balance < amount) {
    m.unlock();
    return false;
  }
  m.unlock();
  std::lock_guard<std::mutex> g(m);
  balance -= amount;
  return true;
}
// CHECK-NEXT: :[[#@LINE-3]]:3: note: 'balance' written here
// CHECK-NEXT: :[[#@LINE-12]]:3: note: the check's critical section begins here
// CHECK-NEXT: :[[#@LINE-6]]:3: note: the write's critical section begins here
