// Seed 002 二.10 (事件): friends around a hot pot wait until the host says
// "开吃!": two guest threads wait on an Event, the main thread sets it after
// 10 seconds.
// Lesson: Event.wait() blocks until another thread calls set(); one set()
// wakes every waiting thread. Bug: none (clean).
//
//   import threading
//   import time
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread;

threading::Event event; // event = threading.Event() (a module global)

void chihuoguo(std::string name) {
  // 等待事件，进入等待阻塞状态
  print(name + "已经启动");
  print("小伙伴" + name + "已经进入就餐状态！");
  time::sleep(1);
  event.wait();
  // 收到事件后进入运行状态
  print(name + "收到通知了.");
  print("小伙伴" + name + "开始吃咯！");
}

int main() {
  // 创建新线程
  Thread thread1(chihuoguo, std::string("malu"));
  Thread thread2(chihuoguo, std::string("ly"));
  // 开启线程
  thread1.start();
  thread2.start();

  time::sleep(10);
  // 发送事件通知
  print("---->>>主线程通知小伙伴开吃咯！");
  event.set();
}
