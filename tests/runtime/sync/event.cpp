// threading.Event: set / clear / is_set, wait returning whether it is set,
// a timed wait that times out (not a deadlock), set waking every waiter, and
// the events recorded.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

#include <memory>
#include <vector>

using namespace weft;
using namespace weft::threading;

int main() {
  Event E("e");
  print("initially:", E.is_set());
  // CHECK: initially: False

  // The only thread waits with a timeout: it times out, no deadlock.
  double Start = time::monotonic();
  print("timed wait:", E.wait(0.05), time::monotonic() - Start >= 0.04);
  // CHECK-NEXT: timed wait: False True
  print("wait(0):", E.wait(0), "wait(-1):", E.wait(-1));
  // CHECK-NEXT: wait(0): False wait(-1): False

  // set wakes every waiter; each reports true. Ready counts the waiters
  // that are about to wait (Semaphore, no timing luck needed: a waiter that
  // arrives after set() returns true at once).
  {
    Semaphore Ready(0);
    Lock L;
    int True = 0;
    std::vector<std::unique_ptr<Thread>> Ts;
    for (int I = 0; I < 3; ++I) {
      Ts.push_back(std::make_unique<Thread>([&] {
        Ready.release();
        bool Got = E.wait();
        Guard G(L);
        True += Got;
      }));
      Ts.back()->start();
    }
    for (int I = 0; I < 3; ++I)
      Ready.acquire();
    E.set();
    for (auto &T : Ts)
      T->join();
    print("waiters woken with true:", True, "is_set:", E.is_set());
    // CHECK-NEXT: waiters woken with true: 3 is_set: True
  }

  print("wait on a set event:", E.wait(), E.wait(0));
  // CHECK-NEXT: wait on a set event: True True
  E.clear();
  print("after clear:", E.is_set(), E.wait(0.01));
  // CHECK-NEXT: after clear: False False

  // A timed wait satisfied by another thread. (A controlled scheduler may
  // time out any timed wait early, so retry rather than count on 30 s.)
  Thread Setter([&] { E.set(); });
  Setter.start();
  while (!E.wait(30))
    ;
  print("timed wait satisfied:", E.is_set());
  Setter.join();
  // CHECK-NEXT: timed wait satisfied: True
}

// TRACE-DAG: event-set {{.*}}Event 'e'
// TRACE-DAG: event-clear {{.*}}Event 'e'
// TRACE-DAG: event-waited {{.*}}Event 'e'
// TRACE-DAG: wait-block {{.*}}Event 'e'
// TRACE-DAG: wait-wake {{.*}}Event 'e'
