// Seed 001 §10 (信号量Semaphore): Semaphore(5) and 20 threads; each takes a
// unit, prints, sleeps 2 s and gives it back.
// Lesson: a Semaphore counts: acquire() takes one of its 5 units (waiting
// when none is left), release() gives one back, so at most 5 threads are
// between acquire and release at any time: the 20 threads pass in 4 waves
// of 5. Bug: none (clean).
//
//   import threading
//   import time
#include <weft/weft.h>

#include <memory>
#include <vector>

using namespace weft;
using threading::Thread;

threading::Semaphore semaphore(5); // semaphore = threading.Semaphore(5)

void func() {
  if (semaphore.acquire()) {
    print(threading::currentThread().getName() + " get semaphore");
    time::sleep(2);
    semaphore.release();
  }
}

int main() {
  // Python rebinds t1 every time and the threads live on; in C++ the objects
  // must outlive their threads, so they are kept here.
  std::vector<std::unique_ptr<Thread>> threads;
  for (int i = 0; i < 20; ++i) {
    threads.push_back(std::make_unique<Thread>(func)); // t1 = threading.Thread(target=func)
    Thread &t1 = *threads.back();
    t1.start();
  }
}
