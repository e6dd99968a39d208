// Seed 003 §5 (多线程): a thread named "LoopThread" counts to 5, one second
// per step; the main thread waits for it with join().
// Lesson: every process starts with a main thread, "MainThread"; a thread
// gets the name given at creation (name=...), otherwise Thread-1, Thread-2...;
// current_thread() returns the Thread object of the caller. Bug: none (clean).
//
//   import time, threading
#include <weft/weft.h>

#include <string>

using namespace weft;

// 新线程执行的代码
void loop() {
  print("Thread " + threading::current_thread().name() + " is running...");
  int n = 0;
  while (n < 5) {
    n = n + 1;
    print("Thread " + threading::current_thread().name() + " >>> " +
          std::to_string(n));
    time::sleep(1);
  }
  print("Thread " + threading::current_thread().name() + " ended.");
}

int main() {
  print("Thread " + threading::current_thread().name() + " is running...");
  // thread1 = threading.Thread(target = loop, name = "LoopThread")
  threading::Thread thread1({.name = "LoopThread"}, loop);
  thread1.start();
  thread1.join();
  print("Thread " + threading::current_thread().name() + " ended.");
}

// Thread MainThread is running...
// Thread LoopThread is running...
// Thread LoopThread >>> 1
// Thread LoopThread >>> 2
// Thread LoopThread >>> 3
// Thread LoopThread >>> 4
// Thread LoopThread >>> 5
// Thread LoopThread ended.
// Thread MainThread ended.
