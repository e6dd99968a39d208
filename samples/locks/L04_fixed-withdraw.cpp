// Fixed version of seed 002 二.7 (second program, see L04): the withdrawal
// under `with lock1:`, a scoped Guard, instead of acquire()/release().
// Lesson: a `with` block releases the lock on every way out, the early
// return included. Bug: none (clean).
//
//   from threading import Thread, Lock
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread, threading::Lock, threading::Guard;

class Account {
public:
  Account(int money, std::string name) : money(money), name(name) {}
  int money;
  std::string name;
};

Lock lock1; // lock1 = Lock()

// 模拟提款的操作
class Drawing : public Thread {
public:
  Drawing(int drawingNum, Account &account)
      : drawingNum(drawingNum), account(account) {}

  void run() override {
    {
      Guard<Lock> with(lock1); // with lock1:
      if (account.money < drawingNum) {
        print("账户余额不足！");
        return; // the Guard releases lock1 here
      }
      time::sleep(1); // 判断完可以取钱，则阻塞。就是为了测试发生冲突问题
      account.money -= drawingNum;
      expenseTotal += drawingNum;
    } // ... and here
    print("账户：" + account.name + ",余额是：" +
          std::to_string(account.money));
    print("账户：" + account.name + ",总共取了：" +
          std::to_string(expenseTotal));
  }

  int drawingNum;
  Account &account;
  int expenseTotal = 0;
};

int main() {
  Account a1(100, "malu");
  Drawing draw1(80, a1); // 定义一个取钱的线程
  Drawing draw2(80, a1); // 定义一个取钱的线程
  draw1.start();
  draw2.start();
  // Python joins non-daemon threads when the main code ends. A C++ Thread
  // subclass must not be destroyed while its thread runs (its run() would
  // use a half-destroyed object), so main joins them before they go out of
  // scope.
  draw1.join();
  draw2.join();
}
