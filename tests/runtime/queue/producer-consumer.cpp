// Correct use: producers and consumers over a bounded queue, task_done for
// every item and join; a None-like sentinel (-1) stops each consumer. Every
// item arrives exactly once; no finding (closed world), the offline check of
// the trace agrees.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception
// RUN: %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=OFFLINE --allow-empty --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

#include <memory>
#include <vector>

using namespace weft;
using namespace weft::threading;

constexpr int Producers = 3, Consumers = 2, PerProducer = 200;

int main() {
  queue::Queue<int> Q("jobs", 4);
  std::vector<long> Sums(Consumers, 0); // each consumer writes its own slot
  std::vector<std::unique_ptr<Thread>> Ts;
  for (int C = 0; C < Consumers; ++C)
    Ts.push_back(std::make_unique<Thread>([&Q, &Sums, C] {
      for (;;) {
        int V = Q.get();
        if (V < 0) {
          Q.task_done();
          return;
        }
        Sums[C] += V;
        Q.task_done(); // after the work, so join() covers it
      }
    }));
  for (int P = 0; P < Producers; ++P)
    Ts.push_back(std::make_unique<Thread>([&Q, P] {
      for (int I = 1; I <= PerProducer; ++I)
        Q.put(P * 1000 + I);
    }));
  for (auto &T : Ts)
    T->start();
  for (int P = 0; P < Producers; ++P)
    Ts[Consumers + P]->join();
  Q.join(); // every item put so far is done
  long Total = 0;
  for (long S : Sums) // the consumers' writes happen before join returns
    Total += S;
  for (int C = 0; C < Consumers; ++C)
    Q.put(-1);
  for (int C = 0; C < Consumers; ++C)
    Ts[C]->join();
  print("total:", Total, "empty:", Q.empty());
}

// CHECK: total: 660300 empty: True
// OFFLINE-NOT: {{.}}
