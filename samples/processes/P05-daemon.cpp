// Seed 004 (守护进程): a daemon process is terminated when the main code
// ends, while a non-daemon child runs on to its end (the program waits for
// it). Bug: none (clean).
//
//   from multiprocessing import Process
#include <weft/weft.h>

#include <string>

using namespace weft;
using multiprocessing::Process;

void func1() {
  while (true) {
    print("守护");
    time::sleep(1);
  }
}

void func2() {
  for (int i = 0; i < 10; ++i) {
    print(format("{}我还在！", i + 1));
    time::sleep(1);
  }
}

int main() {
  print("-->", os::getpid());
  Process p1(func1);
  p1.set_daemon(true);
  p1.start();
  Process p2(func2);
  p2.start();
  time::sleep(2);
  print("主进程结束");
}

// --> 4242
// 守护
// 1我还在！
// 守护
// 2我还在！
// 主进程结束
// 3我还在！
// ...
// 10我还在！
