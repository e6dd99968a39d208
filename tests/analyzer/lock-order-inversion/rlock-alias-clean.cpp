// The course's D02_fixed: mutexA = mutexB = RLock(), one lock, two names.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <weft/threading.h>
#include <weft/time.h>

weft::threading::RLock mutexA;
weft::threading::RLock &mutexB = mutexA;

class MyThread : public weft::threading::Thread {
public:
  void run() override {
    fun1();
    fun2();
  }
  void fun1() {
    mutexA.acquire();
    mutexB.acquire();
    mutexB.release();
    mutexA.release();
  }
  void fun2() {
    mutexB.acquire();
    weft::time::sleep(0.1);
    mutexA.acquire();
    mutexA.release();
    mutexB.release();
  }
};

int main() {
  MyThread t[10];
  for (auto &x : t)
    x.start();
  for (auto &x : t)
    x.join();
}
