// A heap object shared through a pointer parameter; one method unlocked.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <memory>
#include <mutex>
#include <thread>

struct Bank {
  std::mutex m;
  int balance = 100;
  void deposit(int n) {
    std::lock_guard<std::mutex> g(m);
    // CHECK: :[[@LINE+1]]:5: warning: data race on 'p->balance': written here by thread 'depositor' (holding 'p.m') and written at line [[#@LINE+3]] by thread 'withdrawer' (no lock held) [data-race]
    balance += n;
  }
  void withdraw(int n) { balance -= n; }
};

void depositor(Bank *b) { b->deposit(5); }
void withdrawer(Bank *b) { b->withdraw(5); }

int main() {
  auto bank = std::make_unique<Bank>();
  Bank *p = bank.get();
  std::thread a(depositor, p);
  std::thread b(withdrawer, p);
  a.join();
  b.join();
  return bank->balance;
}
