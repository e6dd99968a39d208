// threading.Barrier: indices 0..parties-1, the action run once per cycle by
// the last arriver, reuse over several cycles, n_waiting, abort and a
// timeout breaking it (BrokenBarrierError for everyone, also later), reset,
// an action that throws, and the events recorded.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace weft;
using namespace weft::threading;

/// Runs Fn in N threads and joins them.
template <class F> void inThreads(int N, F Fn) {
  std::vector<std::unique_ptr<Thread>> Ts;
  for (int I = 0; I < N; ++I) {
    Ts.push_back(std::make_unique<Thread>(Fn, I));
    Ts.back()->start();
  }
  for (auto &T : Ts)
    T->join();
}

int main() {
  // Three cycles of three threads: each cycle hands out 0, 1, 2 once and
  // runs the action once, before anyone passes.
  {
    Lock L;
    int Actions = 0;
    std::vector<int> Indices;
    bool ActionBeforePass = true;
    Barrier B(3, [&] { ++Actions; });
    inThreads(3, [&](int) {
      for (int Cycle = 0; Cycle < 3; ++Cycle) {
        int I = B.wait();
        Guard G(L);
        Indices.push_back(I);
        if (Actions < Cycle + 1)
          ActionBeforePass = false;
      }
    });
    std::sort(Indices.begin(), Indices.end());
    print("actions:", Actions, "action first:", ActionBeforePass);
    std::string S;
    for (int I : Indices)
      S += std::to_string(I);
    print("indices:", S, "parties:", B.parties(), "waiting:", B.n_waiting(),
          "broken:", B.broken());
    // CHECK: actions: 3 action first: True
    // CHECK-NEXT: indices: 000111222 parties: 3 waiting: 0 broken: False
  }

  // abort() while one thread waits: it and every later wait raise.
  {
    Barrier B(2);
    Thread T([&] {
      try {
        B.wait();
        print("not reached");
      } catch (const BrokenBarrierError &E) {
        print("waiter:", E.pythonName());
      }
    });
    T.start();
    while (B.n_waiting() != 1) // the waiter has arrived (no timing luck)
      time::sleep(0.001);
    B.abort();
    T.join();
    print("broken:", B.broken());
    try {
      B.wait();
    } catch (const BrokenBarrierError &) {
      print("wait on a broken barrier raises");
    }
    B.reset();
    print("after reset broken:", B.broken());
    // CHECK-NEXT: waiter: threading.BrokenBarrierError
    // CHECK-NEXT: broken: True
    // CHECK-NEXT: wait on a broken barrier raises
    // CHECK-NEXT: after reset broken: False
  }

  // A timeout breaks the barrier (the only thread there gives up).
  {
    Barrier B(2, nullptr, 0.05);
    try {
      B.wait();
    } catch (const BrokenBarrierError &) {
      print("timed out: broken", B.broken());
    }
    // CHECK-NEXT: timed out: broken True
  }

  // reset() while a thread waits: it gets BrokenBarrierError, and the
  // barrier is usable again afterwards.
  {
    Barrier B(2);
    Thread T([&] {
      try {
        B.wait();
      } catch (const BrokenBarrierError &) {
        print("reset broke the waiter");
      }
    });
    T.start();
    while (B.n_waiting() != 1)
      time::sleep(0.001);
    B.reset();
    T.join();
    print("usable again:", !B.broken());
    int Sum = 0;
    Lock L;
    inThreads(2, [&](int) {
      int I = B.wait();
      Guard G(L);
      Sum += I;
    });
    print("indices sum:", Sum);
    // CHECK-NEXT: reset broke the waiter
    // CHECK-NEXT: usable again: True
    // CHECK-NEXT: indices sum: 1
  }

  // An action that throws: the last arriver gets its exception, the other
  // waiter BrokenBarrierError.
  {
    Barrier B(2, [] { throw std::runtime_error("action failed"); });
    Lock L;
    std::vector<std::string> Got;
    inThreads(2, [&](int) {
      std::string What;
      try {
        B.wait();
        What = "passed";
      } catch (const BrokenBarrierError &) {
        What = "BrokenBarrierError";
      } catch (const std::runtime_error &E) {
        What = E.what();
      }
      Guard G(L);
      Got.push_back(What);
    });
    std::sort(Got.begin(), Got.end());
    print(Got[0] + ",", Got[1] + ",", "broken:", B.broken());
    // CHECK-NEXT: BrokenBarrierError, action failed, broken: True
  }
  print("done");
  // CHECK-NEXT: done
}

// TRACE-DAG: barrier-wait
// TRACE-DAG: barrier-passed
// TRACE-DAG: wait-block {{.*}}Barrier
// TRACE-DAG: wait-wake {{.*}}Barrier
