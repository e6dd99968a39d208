// Seed 002 二.3 (线程的创建方式二), also seed 004: a Thread subclass that
// overrides run() and sets its own name.
// Lesson: the class form of creating a thread; start() calls run() in the new
// thread; the main thread ends first ("主线程,end") and Python then waits for
// t1 and t2. Bug: none (clean).
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
    set_name(name);                     // self.name = name
  }

  void run() override {
    print("线程" + name() + ",start"); // print(f"线程{self.name},start")
    for (int i = 0; i < 3; ++i) {
      print("线程" + name() + "," + std::to_string(i));
      time::sleep(3);
    }
    print("线程" + name() + ",end");
  }
};

int main() {
  print("主线程，start");
  // 创建线程
  MyThread t1("t1");
  MyThread t2("t2");
  // 启动线程
  t1.start();
  t2.start();
  print("主线程,end");
  // Python joins non-daemon threads when the main code ends. A C++ Thread
  // subclass must not be destroyed while its thread runs (its run() would
  // use a half-destroyed object), so main joins them before they go out of
  // scope.
  t1.join();
  t2.join();
}
