//===- bench/tsan/tsan_bench.cpp - weft + TSan against plain TSan ---------===//
//
// One program, three workloads, built four ways by bench/tsan/CMakeLists.txt
// (bench/README.md, "ThreadSanitizer"):
//   weft_tsan  `weft c++ --tsan`            weft Lock/Thread/Queue
//   std_tsan   clang++-19 -fsanitize=thread  std::mutex/std::thread/condvar
//   weft       `weft c++`                   weft Lock/Thread/Queue
//   std        clang++-19                   std::mutex/std::thread/condvar
//   floor_tsan clang++-19 -fsanitize=thread  std:: primitives + floortrace
// Same flags otherwise (-std=c++20 -g -O1 -pthread). WEFT_BENCH_STD=1 picks
// the std:: primitives; the algorithm is the same text. WEFT_BENCH_FLOOR=1
// (with STD) adds, at each operation weft records, only the store of a
// 16-byte record with a global order into a mapped file
// (bench/floor/FloorTrace.h, built without TSan like weft's runtime): the
// least any recorder adds to plain TSan.
//
// Usage: tsan_bench WORKLOAD [SCALE]  (WORKLOAD: counter, queue, threads)
// Prints "WORKLOAD SECONDS": the wall time of the workload alone (not the
// process's start-up or exit), then checks the result (exit 1 if wrong).
// bench/tsan/run.sh runs the four binaries in turn and prints the ratios.
//===----------------------------------------------------------------------===//
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#if WEFT_BENCH_FLOOR
#include "floor/FloorTrace.h"
#define FLOOR_RECORD(Kind, Object) floortrace::record(Kind, Object)
#else
#define FLOOR_RECORD(Kind, Object) ((void)0)
#endif

#if WEFT_BENCH_STD
#include <condition_variable>
#include <deque>
#include <thread>
#else
#include <weft/weft.h>
#endif

namespace {

#if WEFT_BENCH_STD
#if WEFT_BENCH_FLOOR
/// std::mutex with the records weft makes: acquired, released.
class Mutex {
public:
  void lock() {
    M.lock();
    FLOOR_RECORD(1, 1);
  }
  void unlock() {
    FLOOR_RECORD(2, 1);
    M.unlock();
  }

private:
  std::mutex M;
};
#else
using Mutex = std::mutex;
#endif

/// A thread started later, like weft's Thread. The floor build records
/// what weft does: start, begin, end, join request and join.
class Worker {
public:
  explicit Worker(std::function<void()> F) : Fn(std::move(F)) {}
  void start() {
    FLOOR_RECORD(3, 2);
    T = std::thread([F = std::move(Fn)] {
      FLOOR_RECORD(4, 2);
      F();
      FLOOR_RECORD(5, 2);
    });
  }
  void join() {
    FLOOR_RECORD(6, 2);
    T.join();
    FLOOR_RECORD(7, 2);
  }

private:
  std::function<void()> Fn;
  std::thread T;
};

/// queue.Queue(maxsize) as it is usually written: a mutex, two condvars.
class BoundedQueue {
public:
  explicit BoundedQueue(size_t Max) : Max(Max) {}
  void put(long V) {
    std::unique_lock<std::mutex> G(Mu);
    NotFull.wait(G, [&] { return Items.size() < Max; });
    Items.push_back(V);
    FLOOR_RECORD(8, 3);
    NotEmpty.notify_one();
  }
  long get() {
    std::unique_lock<std::mutex> G(Mu);
    NotEmpty.wait(G, [&] { return !Items.empty(); });
    long V = Items.front();
    Items.pop_front();
    FLOOR_RECORD(9, 3);
    NotFull.notify_one();
    return V;
  }

private:
  size_t Max;
  std::mutex Mu;
  std::condition_variable NotEmpty, NotFull;
  std::deque<long> Items;
};
#else
using Mutex = weft::threading::Lock; // Lockable: std::lock_guard works

class Worker {
public:
  explicit Worker(std::function<void()> F) : T(std::move(F)) {}
  void start() { T.start(); }
  void join() { T.join(); }

private:
  weft::threading::Thread T;
};

class BoundedQueue {
public:
  explicit BoundedQueue(long Max) : Q("bench", Max) {}
  void put(long V) { Q.put(V); }
  long get() { return Q.get(); }

private:
  weft::queue::Queue<long> Q;
};
#endif

/// Starts one Worker per function, then joins them all.
void runAll(std::vector<std::function<void()>> Fns) {
  std::vector<std::unique_ptr<Worker>> Ws;
  for (auto &F : Fns)
    Ws.push_back(std::make_unique<Worker>(std::move(F)));
  for (auto &W : Ws)
    W->start();
  for (auto &W : Ws)
    W->join();
}

bool fail(const char *What, long Got, long Want) {
  std::fprintf(stderr, "tsan_bench: %s: got %ld, expected %ld\n", What, Got,
               Want);
  return false;
}

/// 4 threads, each \p N increments of one counter under one lock.
bool counter(long N) {
  const int Threads = 4;
  Mutex M;
  long Count = 0;
  std::vector<std::function<void()>> Fns;
  for (int T = 0; T < Threads; ++T)
    Fns.push_back([&] {
      for (long I = 0; I < N; ++I) {
        std::lock_guard<Mutex> G(M);
        ++Count;
      }
    });
  runAll(std::move(Fns));
  return Count == Threads * N || fail("counter", Count, Threads * N);
}

/// 2 producers put \p N items each into a queue of 64; 2 consumers take
/// them and add them up (-1 tells a consumer to stop).
bool queue(long N) {
  const int Producers = 2, Consumers = 2;
  BoundedQueue Q(64);
  Mutex M;
  long Sum = 0;
  std::vector<std::function<void()>> Fns;
  for (int P = 0; P < Producers; ++P)
    Fns.push_back([&] {
      for (long I = 1; I <= N; ++I)
        Q.put(I);
    });
  for (int C = 0; C < Consumers; ++C)
    Fns.push_back([&] {
      long Mine = 0;
      for (long V; (V = Q.get()) != -1;)
        Mine += V;
      std::lock_guard<Mutex> G(M);
      Sum += Mine;
    });
  std::vector<std::unique_ptr<Worker>> Ws;
  for (auto &F : Fns)
    Ws.push_back(std::make_unique<Worker>(std::move(F)));
  for (auto &W : Ws)
    W->start();
  for (int P = 0; P < Producers; ++P)
    Ws[P]->join();
  for (int C = 0; C < Consumers; ++C)
    Q.put(-1);
  for (int C = 0; C < Consumers; ++C)
    Ws[Producers + C]->join();
  long Want = Producers * (N * (N + 1) / 2);
  return Sum == Want || fail("queue", Sum, Want);
}

/// \p N short threads, 4 at a time; each adds 1 to a locked counter 10
/// times and to a thread-local sum 1000 times.
bool threads(long N) {
  const int Wave = 4, Locked = 10, Local = 1000;
  Mutex M;
  long Count = 0;
  for (long Started = 0; Started < N; Started += Wave) {
    std::vector<std::function<void()>> Fns;
    for (int T = 0; T < Wave; ++T)
      Fns.push_back([&] {
        volatile long Mine = 0;
        for (int I = 0; I < Local; ++I)
          Mine = Mine + 1;
        for (int I = 0; I < Locked; ++I) {
          std::lock_guard<Mutex> G(M);
          ++Count;
        }
      });
    runAll(std::move(Fns));
  }
  long Want = (N + Wave - 1) / Wave * Wave * Locked;
  return Count == Want || fail("threads", Count, Want);
}

} // namespace

int main(int Argc, char **Argv) {
  struct {
    const char *Name;
    bool (*Fn)(long);
    long PerScale;
  } Workloads[] = {
      {"counter", counter, 100000}, // 400,000 lock/unlock pairs
      {"queue", queue, 50000},      // 100,000 items
      {"threads", threads, 1000},   // 1,000 threads
  };
  if (Argc < 2) {
    std::fprintf(stderr, "usage: tsan_bench counter|queue|threads [SCALE]\n");
    return 2;
  }
  double Scale = Argc > 2 ? std::atof(Argv[2]) : 1.0;
  for (auto &W : Workloads) {
    if (std::strcmp(W.Name, Argv[1]) != 0)
      continue;
#if WEFT_BENCH_FLOOR
    floortrace::open(uint64_t(4) << 30, /*Ordered=*/true); // sparse
#endif
    auto T0 = std::chrono::steady_clock::now();
    bool Ok = W.Fn(long(W.PerScale * Scale));
    std::chrono::duration<double> S = std::chrono::steady_clock::now() - T0;
    std::printf("%s %.6f\n", W.Name, S.count());
    return Ok ? 0 : 1;
  }
  std::fprintf(stderr, "tsan_bench: unknown workload '%s'\n", Argv[1]);
  return 2;
}
