//===- bench/weft_bench.cpp - the cost of weft's recording ----------------===//
//
// Measures, in one run, each weft operation (recording and online checking
// on, as in every weft program) against the same operation on plain C++:
//   - uncontended Lock acquire/release   vs std::mutex lock/unlock
//   - Queue put/get pair (one thread)    vs a std::mutex + condvar queue
//   - Event set/wait/clear               vs a mutex + condvar flag
// and prints each as a ratio. Each figure is the best of several rounds of
// N operations (steady_clock), so a stray preemption does not count.
// bench/run.sh also divides the trace's size by its records (bytes/event).
//
// It also measures the floor of recording (floor/FloorTrace.h): the plain
// operation plus, per event, only a 16-byte record stored into a mapped
// file (and, in the second floor, a number from one global atomic to order
// them). No design that records every operation in a crash-safe trace can
// cost less, so these ratios bound what any recorder can reach.
//===----------------------------------------------------------------------===//
#include <weft/weft.h>

#include "floor/FloorTrace.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>

namespace {

using Clock = std::chrono::steady_clock;

/// Best nanoseconds per operation of \p Rounds rounds of \p N calls.
template <class F> double bestNs(long N, int Rounds, F Fn) {
  double Best = 1e300;
  for (int R = 0; R < Rounds; ++R) {
    auto T0 = Clock::now();
    for (long I = 0; I < N; ++I)
      Fn();
    double Ns = std::chrono::duration<double, std::nano>(Clock::now() - T0)
                    .count() / double(N);
    Best = Ns < Best ? Ns : Best;
  }
  return Best;
}

/// The usual mutex + condition-variable queue.
class PlainQueue {
public:
  void put(int V) {
    {
      std::lock_guard<std::mutex> G(Mu);
      Items.push_back(V);
    }
    NotEmpty.notify_one();
  }
  int get() {
    std::unique_lock<std::mutex> G(Mu);
    NotEmpty.wait(G, [&] { return !Items.empty(); });
    int V = Items.front();
    Items.pop_front();
    return V;
  }

private:
  std::mutex Mu;
  std::condition_variable NotEmpty;
  std::deque<int> Items;
};

/// The usual mutex + condition-variable flag (threading.Event in plain C++).
class PlainEvent {
public:
  void set() {
    {
      std::lock_guard<std::mutex> G(Mu);
      Flag = true;
    }
    Cv.notify_all();
  }
  void clear() {
    std::lock_guard<std::mutex> G(Mu);
    Flag = false;
  }
  bool wait() {
    std::unique_lock<std::mutex> G(Mu);
    Cv.wait(G, [&] { return Flag; });
    return Flag;
  }

private:
  std::mutex Mu;
  std::condition_variable Cv;
  bool Flag = false;
};

volatile long Sink;

void report(const char *What, double Weft, double Plain, long Events) {
  std::printf("%-34s weft %8.1f ns   plain %7.1f ns   ratio %6.1fx   "
              "(%ld events/op)\n",
              What, Weft, Plain, Weft / Plain, Events);
}

/// The plain operation \p Fn with its \p Events records stored by
/// floortrace, on a fresh file: {stores only, stores + a global order}.
struct Floor {
  double Stores, Ordered;
};
template <class F>
Floor floorNs(long N, int Rounds, long Events, F Fn) {
  Floor R{};
  for (bool Ordered : {false, true}) {
    // Every record of every round, plus 64 MiB of slack for the chunks.
    floortrace::open(uint64_t(N) * Rounds * Events * 16 + (64u << 20),
                     Ordered);
    double Ns = bestNs(N, Rounds, Fn);
    floortrace::close();
    (Ordered ? R.Ordered : R.Stores) = Ns;
  }
  return R;
}

void reportFloor(const char *What, Floor F, double Plain) {
  std::printf("%-34s + stores %6.1f ns (%5.1fx)   + order %6.1f ns (%5.1fx)\n",
              What, F.Stores, F.Stores / Plain, F.Ordered, F.Ordered / Plain);
}

} // namespace

int main(int Argc, char **Argv) {
  long N = Argc > 1 ? std::atol(Argv[1]) : 200000;
  int Rounds = 5;

  weft::threading::Lock L("bench");
  std::mutex M;
  double LockWeft = bestNs(N, Rounds, [&] {
    L.acquire();
    L.release();
  });
  double LockPlain = bestNs(N, Rounds, [&] {
    M.lock();
    M.unlock();
  });

  weft::queue::Queue<int> Q("bench");
  PlainQueue P;
  double QueueWeft = bestNs(N, Rounds, [&] {
    Q.put(1);
    Sink = Q.get();
  });
  double QueuePlain = bestNs(N, Rounds, [&] {
    P.put(1);
    Sink = P.get();
  });

  weft::threading::Event E("bench");
  PlainEvent PE;
  double EventWeft = bestNs(N, Rounds, [&] {
    E.set();
    Sink = E.wait();
    E.clear();
  });
  double EventPlain = bestNs(N, Rounds, [&] {
    PE.set();
    Sink = PE.wait();
    PE.clear();
  });

  // The floor: each plain operation with only its records' stores.
  using floortrace::record;
  Floor LockFloor = floorNs(N, Rounds, 2, [&] {
    M.lock();
    record(1, 1);
    record(2, 1);
    M.unlock();
  });
  Floor QueueFloor = floorNs(N, Rounds, 2, [&] {
    P.put(1);
    record(3, 2);
    Sink = P.get();
    record(4, 2);
  });
  Floor EventFloor = floorNs(N, Rounds, 3, [&] {
    PE.set();
    record(5, 3);
    Sink = PE.wait();
    record(6, 3);
    PE.clear();
    record(7, 3);
  });

  std::printf("weft_bench: %ld operations per round, best of %d rounds\n", N,
              Rounds);
  // An uncontended acquire records lock-acquired alone (no lock-request).
  report("Lock acquire+release / std::mutex", LockWeft, LockPlain, 2);
  report("Queue put+get / mutex+condvar", QueueWeft, QueuePlain, 2);
  report("Event set+wait+clear / mutex+cv", EventWeft, EventPlain, 3);
  std::printf("floor: the plain operation + only its records' stores into a "
              "mapped file (+ one global order); ratios to plain\n");
  reportFloor("Lock acquire+release (2 records)", LockFloor, LockPlain);
  reportFloor("Queue put+get (2 records)", QueueFloor, QueuePlain);
  reportFloor("Event set+wait+clear (3 records)", EventFloor, EventPlain);
  std::printf("operations: %ld (each recorded)\n", 3 * Rounds * N);
  // bench/run.sh counts the events on the objects named 'bench' in the
  // trace; the trace also holds names, blocks and clocks.
  return 0;
}
