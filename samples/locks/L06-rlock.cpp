// Seed 004 (线程锁-递归锁): five threads each acquire an RLock twice and
// release it twice.
// Lesson: "获取多少次钥匙，就要还回去多少次钥匙" — an RLock may be acquired
// again by its owner and must be released as many times. Bug: none (clean);
// the same with a plain Lock is L06_lock.
//
//   from threading import Thread, RLock
#include <weft/weft.h>

#include <functional>
#include <memory>
#include <vector>

using namespace weft;
using threading::Thread, threading::RLock;

void func(int i, RLock &lock) {
  lock.acquire();
  lock.acquire();
  print(i, ":start");
  lock.release();
  lock.release();
  print(i, ":end");
}

int main() {
  RLock lock; // lock = RLock()
  // Python's Thread(...).start() keeps the thread object alive by itself; in
  // C++ the objects must outlive their threads, so they are kept here.
  std::vector<std::unique_ptr<Thread>> threads;
  for (int i = 0; i < 5; ++i) {
    // Thread(target=func, args=(i, lock)).start(); std::ref shares the lock
    threads.push_back(std::make_unique<Thread>(func, i, std::ref(lock)));
    threads.back()->start();
  }
}
