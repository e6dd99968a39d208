// racy: deposit locks, withdraw forgot to
#include <iostream>
#include <mutex>
#include <thread>

class Account {
public:
  void deposit(int amount) {
    std::lock_guard<std::mutex> lk(mtx);
    balance += amount;
  }
  void withdraw(int amount) {
    if (balance >= amount)
      balance -= amount;
  }
  int get() const { return balance; }
private:
  std::mutex mtx;
  int balance = 0;
};

int main() {
  Account acc;
  std::thread t1([&acc] { for (int i = 0; i < 100; ++i) acc.deposit(10); });
  std::thread t2([&acc] { for (int i = 0; i < 100; ++i) acc.withdraw(5); });
  t1.join();
  t2.join();
  std::cout << acc.get() << std::endl;
}
