// Seed 002 二.7 (线程同步和互斥锁, first program:
// 未使用线程同步和互斥锁的情况): two Drawing threads withdraw 80 each from an
// Account holding 100. Lesson: both threads check `money < drawingNum`, both
// pass, sleep(1), then both subtract: 160 is taken from 100 and the balance
// becomes -60. Bug: data race on Account::money (check-then-act, deliberate).
//
//   from threading import Thread
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread;

class Account {
public:
  Account(int money, std::string name) : money(money), name(name) {}
  int money;
  std::string name;
};

// 模拟提款的操作
class Drawing : public Thread {
public:
  Drawing(int drawingNum, Account &account) // Thread.__init__(self)
      : drawingNum(drawingNum), account(account) {}

  void run() override {
    if (account.money < drawingNum)
      return;
    time::sleep(1); // 判断完可以取钱，则阻塞。就是为了测试发生冲突问题
    account.money -= drawingNum;
    expenseTotal += drawingNum;
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
  draw1.start();         // 你取钱
  draw2.start();         // 你老婆取钱
  // Python joins non-daemon threads when the main code ends. A C++ Thread
  // subclass must not be destroyed while its thread runs (its run() would
  // use a half-destroyed object), so main joins them before they go out of
  // scope.
  draw1.join();
  draw2.join();
}
