// A called function that throws while holding a lock it acquired by hand
// is reported, whoever calls it (the callers cannot release it for it).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <stdexcept>

std::mutex accounts;
int balance = 10;

void withdraw(int amount) {
  accounts.lock();
  // CHECK: [[@LINE-1]]:3: warning: 'accounts' acquired here is not released when the function throws at line [[#@LINE+2]] [missing-release]
  if (amount > balance)
    throw std::runtime_error("insufficient funds");
  // CHECK-NEXT: :[[#@LINE-1]]:5: note: throws here with 'accounts' held
  balance -= amount;
  accounts.unlock();
}

int main() {
  try {
    withdraw(5);
    withdraw(50);
  } catch (const std::exception &) {
  }
}
