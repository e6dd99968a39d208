// Non-blocking and timed acquire of a held Lock fail and report nothing;
// a timed acquire succeeds when the lock is handed over in time.
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace weft;
using namespace weft::threading;

int main() {
  Lock L("l");
  L.acquire();
  Thread T([&L] {
    print("non-blocking:", L.acquire(false));
    double Start = time::monotonic();
    bool Got = L.acquire(true, 0.1);
    print("timed:", Got, time::monotonic() - Start >= 0.09);
    print("try_lock:", L.try_lock());
    print("zero timeout:", L.acquire(true, 0));
  });
  T.start();
  T.join();
  // CHECK: non-blocking: False
  // CHECK-NEXT: timed: False True
  // CHECK-NEXT: try_lock: False
  // CHECK-NEXT: zero timeout: False

  // The waiter gets the lock as soon as main releases it.
  std::atomic<bool> Waiting{false};
  Thread U([&] {
    Waiting = true;
    print("timed wait got it:", L.acquire(true, 30));
    L.release();
  });
  U.start();
  while (!Waiting)
    std::this_thread::yield();
  L.release();
  U.join();
  // CHECK-NEXT: timed wait got it: True

  // Lockable: std::scoped_lock works on weft locks.
  {
    Lock Other;
    std::scoped_lock Both(L, Other);
    print("scoped:", L.locked());
  }
  // CHECK-NEXT: scoped: True
  print("after:", L.locked());
  // CHECK-NEXT: after: False
}
