// Seed 001 §4.2 (线程相关的其他方法 / 实例): current_thread, enumerate,
// active_count, getName.
// Lesson: the main thread is "MainThread", the new one "Thread-1";
// enumerate() lists the alive threads and active_count() counts them (2 while
// the worker sleeps). Bug: none (clean).
//
//   from threading import Thread
//   import threading
//   import time
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread;

void work() {
  time::sleep(2);
  print(threading::current_thread().getName());
}

int main() {
  Thread t(work);
  t.start();
  print(threading::current_thread().getName());
  print(threading::current_thread());
  print(threading::current_thread());
  print(threading::enumerate());
  print(threading::active_count());
  print("主线程");
}

// MainThread
// <_MainThread(MainThread, started 57052)>
// [<_MainThread(MainThread, started 57052)>, <Thread(Thread-1, started 57484)>]
// 2
// 主线程
// Thread-1
