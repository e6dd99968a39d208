// A correct submission: the check and the withdrawal under one lock, held
// by a scoped Guard (`with account.lock:`), so every way out releases it.
#include <weft/weft.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace weft;
using threading::Thread, threading::Lock, threading::Guard;

struct Account {
  int money = 0;
  Lock lock;
};

class Drawing : public Thread {
public:
  Drawing(int amount, Account &account) : amount(amount), account(account) {}

  void run() override {
    Guard<Lock> with(account.lock);
    if (account.money < amount)
      return; // refused; the Guard releases the lock
    account.money -= amount;
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
