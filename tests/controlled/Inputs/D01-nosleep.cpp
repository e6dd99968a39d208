// tests/controlled input: samples/deadlocks/D01-cooks.cpp with its sleep(2)
// removed (line 23). Without the sleep a native run rarely deadlocks; the
// controlled scheduler's explore finds the schedule that does.
//
// Seed 002 二.8 (死锁): two cooks, each needs the knife (菜刀, lock1) and the
// pot (锅, lock2). fun1 takes the knife then the pot, fun2 the pot then the
// knife.
// Lesson: a thread that holds one lock while it waits for another can
// deadlock; the sleep(2) lets fun2 take the pot while fun1 holds the knife.
// Fix (the notes): never hold two locks at once in one block.
// Bug: lock-order deadlock lock1 -> lock2 / lock2 -> lock1 (deliberate).
//
//   from threading import Thread, Lock
//   from time import sleep
#include <weft/weft.h>

using namespace weft;
using threading::Thread, threading::Lock;

// lock1 = Lock(); lock2 = Lock() (globals of the Python module)
Lock lock1;
Lock lock2;

void fun1() {
  lock1.acquire();
  print("fun1拿到菜刀");
  // (sleep removed)
  lock2.acquire();
  print("fun1拿到锅");

  lock2.release();
  print("fun1释放锅");
  lock1.release();
  print("fun1释放菜刀");
}

void fun2() {
  lock2.acquire();
  print("fun2拿到锅");
  lock1.acquire();
  print("fun2拿到菜刀");
  lock1.release();
  print("fun2释放菜刀");
  lock2.release();
  print("fun2释放锅");
}

int main() {
  Thread t1(fun1);
  Thread t2(fun2);
  t1.start();
  t2.start();
}
