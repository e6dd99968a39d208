// threading.Condition: producer/consumer with wait / notify, wait_for with
// a predicate and a timeout, notify_all, Condition(Lock) and the RLock that
// Condition() makes (wait releases every level and restores it), Guard and
// std::unique_lock, and the events each operation records.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

#include <deque>
#include <mutex>

using namespace weft;
using namespace weft::threading;

int main() {
  // Producer / consumer on Condition(): the consumer waits until items come.
  {
    Condition Cond;
    std::deque<int> Items;
    int Sum = 0;
    Thread Consumer([&] {
      for (int I = 0; I < 5; ++I) {
        Guard G(Cond);
        while (Items.empty())
          Cond.wait();
        Sum += Items.front();
        Items.pop_front();
      }
    });
    Consumer.start();
    for (int I = 1; I <= 5; ++I) {
      Guard G(Cond);
      Items.push_back(I);
      Cond.notify();
    }
    Consumer.join();
    print("sum:", Sum);
    // CHECK: sum: 15
  }

  // wait_for returns the predicate's last value; false after a timeout.
  {
    Lock L("l");
    Condition Cond(L);
    std::unique_lock<Condition> G(Cond);
    double Start = time::monotonic();
    bool Got = Cond.wait_for([] { return false; }, 0.05);
    print("wait_for timed out:", Got, time::monotonic() - Start >= 0.04);
    // CHECK-NEXT: wait_for timed out: False True
    print("still held:", L.locked());
    // CHECK-NEXT: still held: True
    print("wait(0):", Cond.wait(0));
    // CHECK-NEXT: wait(0): False
    int Ready = 7;
    print("predicate already true:", Cond.wait_for([&] { return Ready; }));
    // CHECK-NEXT: predicate already true: 7
  }

  // notify_all wakes every waiter; a handshake (Arrived under the lock)
  // makes sure all three wait before the notify, without timing luck.
  {
    Condition Cond;
    int Arrived = 0;
    bool Go = false;
    int Woken = 0;
    std::vector<std::unique_ptr<Thread>> Ts;
    for (int I = 0; I < 3; ++I) {
      Ts.push_back(std::make_unique<Thread>([&] {
        Guard G(Cond);
        ++Arrived;
        Cond.notify_all(); // tell main
        Cond.wait_for([&] { return Go; });
        ++Woken;
      }));
      Ts.back()->start();
    }
    {
      Guard G(Cond);
      Cond.wait_for([&] { return Arrived == 3; });
      Go = true;
      Cond.notify_all();
    }
    for (auto &T : Ts)
      T->join();
    print("woken:", Woken);
    // CHECK-NEXT: woken: 3
  }

  // Condition() uses an RLock: wait releases all levels and restores them.
  {
    Condition Cond;
    bool Flag = false;
    Cond.acquire();
    Cond.acquire();
    Thread Setter([&] {
      Guard G(Cond); // possible only if wait released both levels
      Flag = true;
      Cond.notify();
    });
    Setter.start();
    Cond.wait_for([&] { return Flag; });
    Cond.release();
    Cond.release(); // both levels were restored
    Setter.join();
    print("rlock levels restored:", Flag);
    // CHECK-NEXT: rlock levels restored: True
  }

  // Condition(RLock) shares the caller's RLock.
  {
    RLock R;
    Condition Cond(R);
    Guard G(R);
    print("notify with nobody waiting is fine");
    Cond.notify(2);
    // CHECK-NEXT: notify with nobody waiting is fine
  }
  print("done");
  // CHECK-NEXT: done
}

// TRACE-DAG: cond-wait
// TRACE-DAG: cond-notify
// TRACE-DAG: wait-block
// TRACE-DAG: wait-wake
// TRACE-DAG: lock-released
// TRACE-DAG: lock-acquired
