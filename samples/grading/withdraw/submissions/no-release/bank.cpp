// A submission that forgets to release the lock on the early return (the
// slip of samples/locks/L04): a refused withdrawal keeps the lock, and a
// withdrawal after it waits forever.
#include <weft/weft.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace weft;
using threading::Thread, threading::Lock;

struct Account {
  int money = 0;
  Lock lock;
};

class Drawing : public Thread {
public:
  Drawing(int amount, Account &account) : amount(amount), account(account) {}

  void run() override {
    account.lock.acquire();
    if (account.money < amount)
      return; // BUG: returns with the lock held
    account.money -= amount;
    account.lock.release();
  }

private:
  int amount;
  Account &account;
};

int main(int argc, char **argv) {
  std::vector<int> nums;
  for (int i = 1; i < argc; ++i)
    nums.push_back(std::stoi(argv[i]));
  if (argc == 1)
    for (int x; std::cin >> x;)
      nums.push_back(x);
  if (nums.empty()) {
    std::cerr << "usage: bank BALANCE AMOUNT...\n";
    return 2;
  }
  Account account;
  account.money = nums[0];
  std::vector<std::unique_ptr<Drawing>> drawings;
  for (size_t i = 1; i < nums.size(); ++i)
    drawings.push_back(std::make_unique<Drawing>(nums[i], account));
  for (size_t i = 0; i < drawings.size(); ++i)
    drawings[i]->start();
  for (auto &d : drawings)
    d->join();
  print("balance: " + std::to_string(account.money));
}
