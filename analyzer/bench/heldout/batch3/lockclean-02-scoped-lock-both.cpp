// clean (lock order): std::scoped_lock takes both locks deadlock-free, in any written order
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  int balance = 100;
};

void transfer(Account &from, Account &to, int amount) {
  std::scoped_lock lock(from.m, to.m);
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  Account a, b;
  std::thread t1([&] { for (int i = 0; i < 50; i++) transfer(a, b, 1); });
  std::thread t2([&] { for (int i = 0; i < 50; i++) transfer(b, a, 1); });
  t1.join();
  t2.join();
}
