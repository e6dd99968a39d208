// The classic fix: always lock the account with the smaller id first.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <thread>

struct Account {
  int id;
  std::mutex m;
  int balance = 0;
};

Account x{1}, y{2};

void transfer(Account &from, Account &to, int amount) {
  Account &first = from.id < to.id ? from : to;
  Account &second = from.id < to.id ? to : from;
  std::lock_guard<std::mutex> a(first.m);
  std::lock_guard<std::mutex> b(second.m);
  from.balance -= amount;
  to.balance += amount;
}

void transfer2(Account &from, Account &to, int amount) {
  if (from.id < to.id) {
    from.m.lock();
    to.m.lock();
  } else {
    to.m.lock();
    from.m.lock();
  }
  from.balance -= amount;
  to.balance += amount;
  to.m.unlock();
  from.m.unlock();
}

int main() {
  std::thread t1(transfer, std::ref(x), std::ref(y), 10);
  std::thread t2(transfer, std::ref(y), std::ref(x), 20);
  std::thread t3(transfer2, std::ref(x), std::ref(y), 10);
  std::thread t4(transfer2, std::ref(y), std::ref(x), 20);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
}
