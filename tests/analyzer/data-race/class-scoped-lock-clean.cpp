// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>
#include <mutex>
class BankAccount { std::mutex m; int balance = 0; public: void deposit(int x) { std::scoped_lock lk(m); balance += x; } int get() { std::scoped_lock lk(m); return balance; } };
int main() { BankAccount acc; std::thread t1([&acc]{ for (int i = 0; i < 1000; ++i) acc.deposit(1); }); std::thread t2([&acc]{ for (int i = 0; i < 1000; ++i) acc.deposit(1); }); t1.join(); t2.join(); return acc.get(); }
