//===- bench/plain/plain_bench.cpp - std::mutex & co. under `weft c++ --plain` ===//
//
// One source, three builds (bench/plain/run.sh): plain clang++ ("std"),
// plain plus the floor of recording's stores for the events weft records
// ("floor", -DWEFT_FLOOR, bench/floor), and `weft c++ --plain` ("weft":
// the same std::mutex / std::condition_variable / std::thread calls taken
// over by the runtime, docs/plain-programs.md). Workloads:
//   mutex     N uncontended std::mutex lock+unlock (2 events each)
//   pingpong  N round trips of two threads through one
//             std::condition_variable (about 8 events each)
//   threads   N std::thread create+join (about 5 events each)
// Prints the best of ROUNDS rounds, in nanoseconds per operation.
// Usage: plain_bench WORKLOAD [N] [ROUNDS]
//===----------------------------------------------------------------------===//
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#ifdef WEFT_FLOOR
#include "floor/FloorTrace.h"
#define EVENT(K) floortrace::record((K), 1)
#else
#define EVENT(K) (void)0
#endif

namespace {

std::mutex M;
std::condition_variable Cv;
volatile long Sink = 0;

void mutexLoop(long N) {
  for (long I = 0; I < N; ++I) {
    M.lock();
    EVENT(1);
    Sink = Sink + 1;
    EVENT(2);
    M.unlock();
  }
}

/// N turns of one side of the ping-pong: wait for \p Parity, pass the turn.
void turns(long N, long &Turn, long Parity) {
  for (long I = 0; I < N; ++I) {
    std::unique_lock<std::mutex> L(M);
    EVENT(1);
    while (Turn % 2 != Parity) {
      EVENT(3);
      Cv.wait(L);
      EVENT(4);
    }
    ++Turn;
    EVENT(5);
    Cv.notify_one();
    EVENT(2);
  }
}

void pingPong(long N) {
  long Turn = 0; // even: main's turn, odd: the partner's
  std::thread Partner([&] { turns(N, Turn, 1); });
  turns(N, Turn, 0);
  Partner.join();
}

void threads(long N) {
  for (long I = 0; I < N; ++I) {
    EVENT(6);
    std::thread T([] { EVENT(7); Sink = Sink + 1; EVENT(8); });
    EVENT(9);
    T.join();
    EVENT(10);
  }
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2) {
    std::fprintf(stderr, "usage: plain_bench mutex|pingpong|threads [N] [ROUNDS]\n");
    return 2;
  }
  const char *W = Argv[1];
  long N = Argc > 2 ? std::atol(Argv[2]) : 0;
  int Rounds = Argc > 3 ? std::atoi(Argv[3]) : 5;
  void (*Fn)(long);
  if (!std::strcmp(W, "mutex"))
    Fn = mutexLoop, N = N ? N : 1000000;
  else if (!std::strcmp(W, "pingpong"))
    Fn = pingPong, N = N ? N : 20000;
  else if (!std::strcmp(W, "threads"))
    Fn = threads, N = N ? N : 2000;
  else
    return 2;
#ifdef WEFT_FLOOR
  floortrace::open(uint64_t(N) * 16 * 16 * uint64_t(Rounds), true);
#endif
  double Best = 1e30;
  for (int R = 0; R < Rounds; ++R) {
    auto T0 = std::chrono::steady_clock::now();
    Fn(N);
    auto T1 = std::chrono::steady_clock::now();
    double Ns = std::chrono::duration<double, std::nano>(T1 - T0).count() / N;
    Best = Ns < Best ? Ns : Best;
  }
#ifdef WEFT_FLOOR
  floortrace::close();
#endif
  std::printf("%.1f\n", Best);
}
