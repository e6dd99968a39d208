// Seed 001 §2.1 (开启线程的两种方式 / Thread类调用开始线程), also seed 002 二.2
// and seed 004: start a thread from a function.
// Lesson: start() returns at once, so the main thread prints '主线程' before
// the new thread wakes from its 2-second sleep. Bug: none (clean).
//
//   from threading import Thread
//   import time
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread;

void foo(std::string name) {
  time::sleep(2);
  print(name + " say hello");
}

// if __name__ == '__main__':
int main() {
  Thread s(foo, std::string("egon")); // s=Thread(target=foo,args=('egon',))
  s.start();
  print("主线程");
  // Python waits for the non-daemon thread s when the main code ends; here
  // ~Thread does it, so s lives in main's scope until then.
}

// 主线程
// egon say hello
