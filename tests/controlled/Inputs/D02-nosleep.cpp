// tests/controlled input: samples/deadlocks/D02-mythreads.cpp with its
// sleep(0.2) in fun2 removed. Without the sleep a native run rarely
// deadlocks; the controlled scheduler's explore finds the schedule that does.
//
// Seed 001 §8.1 (死锁现象与递归锁 / 死锁): ten MyThread objects; each runs
// fun1 (mutexA then mutexB) and then fun2 (mutexB, sleep(0.2), mutexA).
// Lesson: while one thread sleeps in fun2 holding mutexB, the next one takes
// mutexA in fun1 and waits for mutexB: both wait forever.
// Bug: lock-order deadlock mutexA -> mutexB / mutexB -> mutexA (deliberate).
// The fix of the notes (§8.3, one RLock) is D02_fixed.
//
//   import threading
//   import time
#include <weft/weft.h>

#include <memory>
#include <string>
#include <vector>

using namespace weft;

threading::Lock mutexA; // mutexA = threading.Lock()
threading::Lock mutexB; // mutexB = threading.Lock()

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
    // (sleep removed)
    mutexA.acquire();
    print("I am " + name() + " , get res: ResA---" +
          std::to_string(time::time()));
    mutexA.release();
    mutexB.release();
  }
};

int main() {
  print("start-----" + std::to_string(time::time()));
  // Python rebinds my_thread each time and the started threads live on; in
  // C++ the objects must outlive their threads, so they are kept here.
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
