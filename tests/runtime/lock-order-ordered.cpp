// Opposite lock orders that can never overlap are not a lock-order
// inversion: the runtime relates each edge of the lock graph to the actor
// that took it and to the start/join order (detect/ThreadOrder.h).
//  1. one thread takes both orders (no second thread to wait for);
//  2. thread 'first' is joined before thread 'second' starts;
//  3. the main thread takes a -> b before it starts thread 'child'.
// Every case has opposite orders in the lock graph; none can deadlock, so
// the run is clean (exit 0) under native scheduling and any schedule.
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// RUN: %weft run --schedule=random:1 --trace %t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// The offline check (the same Checker over the trace) agrees.
// RUN: %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --allow-empty --implicit-check-not=warning: --implicit-check-not=lock-order
// OFFLINE-NOT: inversion
// RUN: %weft explore --runs 30 --seed 1 %t 2>&1 | FileCheck %s --check-prefix=EXPLORE --implicit-check-not=warning:
// EXPLORE: no failing schedule in 30 run(s)

#include <weft/weft.h>

using namespace weft::threading;

Lock A("a"), B("b"), C("c"), D("d"), E("e"), F("f");

int main() {
  // 1. One thread, both orders.
  Thread Alone(ThreadOptions{"alone"}, [] {
    { Guard<Lock> GA(A); Guard<Lock> GB(B); }
    { Guard<Lock> GB(B); Guard<Lock> GA(A); }
  });
  Alone.start();
  Alone.join();

  // 2. Ordered by a join.
  Thread First(ThreadOptions{"first"}, [] { Guard<Lock> GC(C); Guard<Lock> GD(D); });
  First.start();
  First.join();
  Thread Second(ThreadOptions{"second"}, [] { Guard<Lock> GD(D); Guard<Lock> GC(C); });
  Second.start();
  Second.join();

  // 3. Ordered by a start.
  {
    Guard<Lock> GE(E);
    Guard<Lock> GF(F);
  }
  Thread Child(ThreadOptions{"child"}, [] { Guard<Lock> GF(F); Guard<Lock> GE(E); });
  Child.start();
  Child.join();
  weft::print("finished");
}

// CHECK: finished
