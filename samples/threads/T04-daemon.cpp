// Seed 002 二.5 (守护线程), also seed 004 (守护线程\进程的区别): the thread
// subclass of T03's lesson, with the line that makes t1 a daemon shown but
// commented out in the notes (`# t1.daemon = True`, and `t1.setDaemon(True)`,
// deprecated since 3.10). As the notes' program runs, t1 is NOT a daemon.
// Lesson: main prints "主线程，end" and its code ends, but the process waits
// for the non-daemon t1, which prints all three of its lines. Uncommenting
// the daemon line (T04_daemon-daemon.cpp) shows the other side: the process
// ends with main and t1 dies in its loop. Bug: none (clean).
//
//   from threading import Thread
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread;

class MyThread : public Thread {
public:
  explicit MyThread(std::string name) { // Thread.__init__(self)
    set_name(name);                     // self.name =name
  }

  void run() override {
    for (int i = 0; i < 3; ++i) {
      print("thread:" + name() + " :" + std::to_string(i)); // f"thread:{self.name} :{i}"
      time::sleep(1);
    }
  }
};

int main() {
  print("主线程，start");
  // 创建线程(类的方式)
  // Python keeps a started thread's object alive until the thread ends: it
  // is never deleted. (A local MyThread would be destroyed at the end of
  // main while its thread still runs.)
  MyThread &t1 = *new MyThread("t1");
  // t1设置为守护线程
  // t1.set_daemon(true); // # t1.daemon = True
  // t1.setDaemon(true); // # t1.setDaemon(True) #3.10后被废弃
  // 启动线程
  t1.start();
  print("主线程，end");
}
