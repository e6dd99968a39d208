// Python lets any thread release a Lock (a binary semaphore): allowed and
// clean, and the lock can be acquired again afterwards.
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

#include <thread>

using namespace weft;
using namespace weft::threading;

int main() {
  Lock L;
  L.acquire();
  Thread T([&L] { L.release(); });
  T.start();
  T.join();
  print("locked after other released:", L.locked());
  // CHECK: locked after other released: False
  // Another thread takes it; main releases it while that thread still
  // runs (so the thread does not end holding it).
  Lock Done;
  Done.acquire();
  Thread U([&] {
    L.acquire();
    print("other acquired");
    Done.acquire(); // until main has released L
    Done.release();
  });
  U.start();
  while (!L.locked())
    std::this_thread::yield();
  L.release(); // main releases what the other thread took
  Done.release();
  U.join();
  // CHECK-NEXT: other acquired
  print("done", L.locked());
  // CHECK-NEXT: done False
}
