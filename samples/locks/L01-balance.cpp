// Seed 003 §6 (Lock, first program): two threads run
// `balance = balance + n; balance = balance - n` 2,000,000 times each.
// Lesson: threads share every variable; without a lock the two
// read-modify-write sequences interleave and the final balance is not 0
// ("多运行几次,发现结果不为0"). Bug: data race on `balance` (deliberate).
//
//   import time, threading
#include <weft/weft.h>

using namespace weft;

// volatile: Python does not optimize, the C++ compiler would fold
// `balance + n - n` away. volatile keeps every read and write; it is not
// synchronization, so the accesses still race as in Python.
volatile int balance = 0;

void change_it(int n) {
  // global balance
  balance = balance + n;
  balance = balance - n;
}

void run_thread(int n) {
  // 线程交替执行,balance结果不一定为0
  for (int i = 0; i < 2000000; ++i)
    change_it(n);
}

int main() {
  threading::Thread thread1(run_thread, 5); // args = (5,)
  threading::Thread thread2(run_thread, 8); // args = (8,)
  thread1.start();
  thread2.start();
  thread1.join();
  thread2.join();
  print(balance);
}

// 结果输出:
// 5(各自不同)
