// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'acc.balance'
#include <thread>
#include <iostream>
class BankAccount { int balance = 0; public: void deposit(int x) { balance += x; } int get() const { return balance; } };
int main() { BankAccount acc; std::thread t1([&acc]{ for (int i = 0; i < 1000; ++i) acc.deposit(1); }); std::thread t2([&acc]{ for (int i = 0; i < 1000; ++i) acc.deposit(1); }); t1.join(); t2.join(); std::cout << acc.get(); }
