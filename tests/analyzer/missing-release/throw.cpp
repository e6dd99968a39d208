// An exception thrown between lock() and unlock().
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <stdexcept>

std::mutex m;
int balance;

void withdraw(int amount) {
  m.lock();
  // CHECK: [[@LINE-1]]:3: warning: 'm' acquired here is not released when the function throws at line [[#@LINE+2]] [missing-release]
  if (amount > balance)
    throw std::runtime_error("insufficient funds");
  // CHECK: :[[#@LINE-1]]:5: note: throws here with 'm' held
  balance -= amount;
  m.unlock();
}
