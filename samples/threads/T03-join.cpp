// Seed 002 二.4 (JOIN), also seed 004: the main thread waits for two threads
// with join().
// Lesson: without join the main thread does not wait; with t1.join() and
// t2.join() "主线程，end" is printed after both threads end. Bug: none (clean).
//
//   from threading import Thread
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread;

void func1(std::string name) {
  for (int i = 0; i < 3; ++i) {
    print("thread:" + name + " :" + std::to_string(i)); // f"thread:{name} :{i}"
    time::sleep(1);
  }
}

int main() {
  print("主线程，start");
  // 创建线程
  Thread t1(func1, std::string("t1")); // Thread(target=func1,args=("t1",))
  Thread t2(func1, std::string("t2"));
  // 启动线程
  t1.start();
  t2.start();
  // 主线程会等待t1,t2结束后，再往下执行
  t1.join();
  t2.join();
  print("主线程，end");
}
