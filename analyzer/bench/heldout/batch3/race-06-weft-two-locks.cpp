// racy: each thread uses "a lock", but not the same one
#include <weft/threading.h>
#include <weft/print.h>
using namespace weft::threading;

int balance = 100;
Lock lock_a;
Lock lock_b;

void spend(int amount) {
  Guard g(lock_a);
  balance -= amount;
}

void earn(int amount) {
  Guard g(lock_b);
  balance += amount;
}

int main() {
  Thread t1(spend, 30);
  Thread t2(earn, 50);
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  return balance == 120 ? 0 : 1;
}
