// A submission that deadlocks under some schedules only: a withdrawal
// takes the account's lock, then the journal's; the auditor thread takes
// them the other way round. Most runs pass.
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

// The bank's journal: how many withdrawals went through.
struct Journal {
  int entries = 0;
  Lock lock;
};
Journal journal;

// Checks that the journal and the balance agree while withdrawals go on.
class Auditor : public Thread {
public:
  explicit Auditor(Account &account) : account(account) {}
  void run() override {
    Guard<Lock> log(journal.lock); // BUG: journal, then account
    Guard<Lock> with(account.lock);
    consistent = account.money >= 0 && journal.entries >= 0;
  }
  bool consistent = false;

private:
  Account &account;
};

class Drawing : public Thread {
public:
  Drawing(int amount, Account &account) : amount(amount), account(account) {}

  void run() override {
    Guard<Lock> with(account.lock);
    if (account.money < amount)
      return; // refused; the Guard releases the lock
    account.money -= amount;
    Guard<Lock> log(journal.lock); // account, then journal
    ++journal.entries;
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
  Auditor auditor(account);
  for (size_t i = 0; i < drawings.size(); ++i)
    drawings[i]->start();
  auditor.start();
  for (auto &d : drawings)
    d->join();
  auditor.join();
  print("balance: " + std::to_string(account.money));
}
