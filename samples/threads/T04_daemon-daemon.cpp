// Seed 002 二.5 (守护线程), also seed 004 (守护线程\进程的区别): T04 with
// the notes' commented-out line turned on (`t1.daemon = True`); T04-daemon.cpp
// is the notes' program as written (t1 not a daemon).
// Lesson: a daemon thread dies with the main thread: main prints
// "主线程，end" and the process ends while t1 is still in its loop, so t1
// never gets to print all three lines (without daemon, Python would wait for
// it, as in T04). Bug: none (clean); the trace records the daemon killed at
// exit.
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
  // Python keeps a started thread's object alive until the thread ends; a
  // daemon thread is killed with the process, so its object must live as
  // long as the process: it is never deleted. (A local MyThread would be
  // destroyed at the end of main while its thread still runs.)
  MyThread &t1 = *new MyThread("t1");
  // t1设置为守护线程
  t1.set_daemon(true); // t1.daemon = True
  // t1.setDaemon(true); // t1.setDaemon(True) #3.10后被废弃 -- the same
  // 启动线程
  t1.start();
  print("主线程，end");
}
