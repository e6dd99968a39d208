// Seed 004 (线程锁-递归锁; the text contrasts it with 互斥锁Lock): the program
// of L06 with a plain Lock instead of the RLock.
// Lesson: "不然就会卡住" — a Lock is not reentrant: the thread that holds it
// blocks forever on its second acquire(), and every other thread waits for it.
// Bug: self-deadlock, the second lock.acquire() by the owner (deliberate).
//
//   from threading import Thread, Lock
#include <weft/weft.h>

#include <functional>
#include <memory>
#include <vector>

using namespace weft;
using threading::Thread, threading::Lock;

void func(int i, Lock &lock) {
  lock.acquire();
  lock.acquire(); // BUG: blocks forever, this thread already holds lock
  print(i, ":start");
  lock.release();
  lock.release();
  print(i, ":end");
}

int main() {
  Lock lock; // lock = Lock()
  // The thread objects must outlive their threads (see L06).
  std::vector<std::unique_ptr<Thread>> threads;
  for (int i = 0; i < 5; ++i) {
    // Thread(target=func, args=(i, lock)).start()
    threads.push_back(std::make_unique<Thread>(func, i, std::ref(lock)));
    threads.back()->start();
  }
}
