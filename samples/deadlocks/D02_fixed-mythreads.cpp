// Seed 001 §8.3 (递归锁): the program of D02 with
// `mutexA = mutexB = threading.RLock()` — one reentrant lock under two names.
// Lesson: with a single RLock there is no second lock to wait for, and the
// owner may take it again, so the ten threads run one after another.
// Bug: none (clean).
//
//   import threading
//   import time
#include <weft/weft.h>

#include <memory>
#include <string>
#include <vector>

using namespace weft;

// mutexA = mutexB = threading.RLock(): one lock, two names
threading::RLock mutexA;
threading::RLock &mutexB = mutexA;

class MyThread : public threading::Thread {
public:
  MyThread() {} // threading.Thread.__init__(self)

  void run() override {
    fun1();
    fun2();
  }

  void fun1() {
    mutexA.acquire(); // 如果锁被占用,则阻塞在这里,等待锁的释放
    print("I am " + name() + " , get res: ResA---" +
          std::to_string(time::time()));
    mutexB.acquire();
    print("I am " + name() + " , get res: ResB---" +
          std::to_string(time::time()));
    mutexB.release();
    mutexA.release();
  }

  void fun2() {
    mutexB.acquire();
    print("I am " + name() + " , get res: ResB---" +
          std::to_string(time::time()));
    time::sleep(0.2);
    mutexA.acquire();
    print("I am " + name() + " , get res: ResA---" +
          std::to_string(time::time()));
    mutexA.release();
    mutexB.release();
  }
};

int main() {
  print("start-----" + std::to_string(time::time()));
  // The thread objects must outlive their threads (see D02).
  std::vector<std::unique_ptr<MyThread>> threads;
  for (int i = 0; i < 10; ++i) {
    threads.push_back(std::make_unique<MyThread>()); // my_thread = MyThread()
    MyThread &my_thread = *threads.back();
    my_thread.start();
  }
  // Python joins non-daemon threads when the main code ends. A C++ Thread
  // subclass must not be destroyed while its thread runs (its run() would
  // use a half-destroyed object), so main joins them before they go out of
  // scope.
  for (auto &t : threads)
    t->join();
}
