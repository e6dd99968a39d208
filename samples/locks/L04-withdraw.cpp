// Seed 002 二.7 (线程同步和互斥锁, second program: 使用互斥锁的案例): the
// withdrawal of L03 "with a lock", lock1.acquire() ... lock1.release().
// Lesson: the lock makes check-and-withdraw one step, so only one of the two
// withdrawals of 80 succeeds.
// Bug (a slip in the notes, kept): the "账户余额不足！" branch returns without
// lock1.release(), so the second thread ends still holding lock1 (a third
// withdrawal would wait forever).
//
//   from threading import Thread, Lock
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread, threading::Lock;

class Account {
public:
  Account(int money, std::string name) : money(money), name(name) {}
  int money;
  std::string name;
};

Lock lock1; // lock1 = Lock() (a global of the Python module)

// 模拟提款的操作
class Drawing : public Thread {
public:
  Drawing(int drawingNum, Account &account)
      : drawingNum(drawingNum), account(account) {}

  void run() override {
    lock1.acquire();
    if (account.money < drawingNum) {
      print("账户余额不足！");
      return; // BUG: returns with lock1 still held
    }
    time::sleep(1); // 判断完可以取钱，则阻塞。就是为了测试发生冲突问题
    account.money -= drawingNum;
    expenseTotal += drawingNum;
    lock1.release();
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
