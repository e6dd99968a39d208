// Seed 003 §6 (Lock, second program): the same two threads, each call of
// change_it() under `lock.acquire()` / `try: ... finally: lock.release()`.
// Lesson: the lock makes each change_it() run alone, so the balance is always
// 0. Bug: none (clean).
//
//   import time, threading
#include <weft/weft.h>

using namespace weft;

// volatile: Python does not optimize, the C++ compiler would fold
// `balance + n - n` away. volatile keeps every read and write; it is not
// synchronization, so the accesses still race as in Python.
volatile int balance = 0;
threading::Lock lock; // lock = threading.Lock()

void change_it(int n) {
  // global balance
  balance = balance + n;
  balance = balance - n;
}

void run_thread(int n) {
  for (int i = 0; i < 2000000; ++i) {
    lock.acquire();
    // try: change_it(n)  finally: lock.release()  -- C++ has no finally: the
    // handler releases and rethrows, the normal path releases after it.
    try {
      change_it(n);
    } catch (...) {
      // 释放锁
      lock.release();
      throw;
    }
    lock.release();
  }
}

int main() {
  threading::Thread thread1(run_thread, 5);
  threading::Thread thread2(run_thread, 8);
  thread1.start();
  thread2.start();
  thread1.join();
  thread2.join();
  print(balance);
}

// 结果输出:
// 0
