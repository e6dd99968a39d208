// The fixed twin of deadlock-processes.cpp: both processes take lock1,
// then lock2 (one global order), so they cannot wait for each other; they
// run one after the other, in either order. Nothing is reported.
// RUN: %weft c++ %s -o %t
// RUN: %weft run %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// CHECK-DAG: fun1 has both
// CHECK-DAG: fun2 has both

#include <weft/weft.h>

#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;

void fun1(mp::Lock lock1, mp::Lock lock2, mp::Connection c) {
  lock1.acquire();
  lock2.acquire();
  print("fun1 has both");
  lock2.release();
  lock1.release();
}

void fun2(mp::Lock lock1, mp::Lock lock2, mp::Connection c) {
  lock1.acquire();
  lock2.acquire();
  print("fun2 has both");
  lock2.release();
  lock1.release();
}

int main() {
  mp::Lock lock1;
  mp::Lock lock2;
  auto [a, b] = mp::Pipe();
  mp::Process p1(fun1, lock1, lock2, a);
  mp::Process p2(fun2, lock1, lock2, b);
  p1.start();
  p2.start();
  p1.join();
  p2.join();
}
