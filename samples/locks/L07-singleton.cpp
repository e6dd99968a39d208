// Seed 004 (线程锁的应用-单例模式): a thread-safe singleton. A.__new__ checks
// and creates the single instance under the class's lock; ten threads call
// A() and print the object they got.
// Lesson: the check (`if not cls.__instance`), the sleep that widens the
// window, and the creation all happen under one lock, so exactly one
// instance is made and every thread prints the same object.
// Bug: none (clean). (The seed imports only Lock and time, and uses Thread
// without importing it: a NameError in Python; the import is added.)
//
//   from threading import Lock
//   import time
#include <weft/weft.h>

#include <memory>
#include <vector>

using namespace weft;
using threading::Thread, threading::Lock, threading::Guard;

class A {
public:
  // def __new__(cls, *args, **kwargs): `A()` in Python, A::create() here.
  static A *create() {
    {
      Guard<Lock> with(lock); // with cls.lock:
      if (!instance) {        // if not cls.__instance:
        time::sleep(0.0001);
        instance = new A(); // cls.__instance = super(A, cls).__new__(cls)
      }
    }
    return instance; // return cls.__instance
  }

private:
  A() = default;
  static inline A *instance = nullptr; // __instance = None
  static inline Lock lock;             // lock = Lock()
};

void func() {
  A *a = A::create(); // a = A()
  print(a); // print(a): <__main__.A object at 0x7f...>
}

int main() {
  // Python's Thread(...).start() keeps the thread object alive by itself; in
  // C++ the objects must outlive their threads, so they are kept here.
  std::vector<std::unique_ptr<Thread>> threads;
  for (int i = 0; i < 10; ++i) {
    threads.push_back(std::make_unique<Thread>(func)); // Thread(target=func)
    threads.back()->start();                           // .start()
  }
}
