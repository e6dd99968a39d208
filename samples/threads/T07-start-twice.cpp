// Seed 004 (start(): "每个thread 对象都只能被调用1次start()"; 面向对象的方式起线程):
// a Thread subclass that prints its ident and a + b; main prints t.ident and
// then calls t.start() a second time, which the rule above forbids.
// Lesson: ident is the thread's id (None before start); a Thread object can
// be started only once.
// Bug: the second t.start() (deliberate): Python raises
// RuntimeError("threads can only be started once").
//
//   from threading import Thread
#include <weft/weft.h>

#include <cstdio>

using namespace weft;
using threading::Thread;

class MyTread : public Thread {
public:
  // self.a = a; self.b = b; super().__init__() -- C++ constructs the Thread
  // base first, then the members.
  MyTread(int a, int b) : a(a), b(b) {}

  void run() override {
    print(*ident());  // print(self.ident)
    print(a + b);     // print(f'{self.a + self.b}')
  }

  int a;
  int b;
};

int main() {
  MyTread t(1, 2);
  t.start();
  print(*t.ident()); // print(t.ident)
  int status = 0;
  try {
    t.start(); // BUG: 每个thread 对象都只能被调用1次start()
  } catch (const RuntimeError &e) {
    // Python does not catch it: the main code ends with a traceback on
    // stderr whose last line is this one, and the exit status is 1. An
    // uncaught C++ exception would only abort(), so the sample prints what
    // Python prints and keeps its exit status.
    std::fprintf(stderr, "%s: %s\n", e.pythonName(), e.what());
    status = 1;
  }
  // Python waits for t at exit; a Thread subclass must be joined before its
  // object is destroyed (see docs/python-mapping.md).
  t.join();
  return status;
}
