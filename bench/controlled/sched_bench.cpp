//===- bench/controlled/sched_bench.cpp - schedules per second ------------===//
//
// The measure: schedules per second for a two-thread program with 20
// weft operations each. One process runs the program's body N times in a
// row (each round is one schedule: the strategy's random stream goes on, so
// every round is a different interleaving); run it under WEFT_SCHEDULE to
// measure the controlled scheduler, without it for the native runtime.
// It also times the two costs that bound a schedule: starting and joining
// a thread, and a hand-off between two threads (a Lock ping-pong, one
// hand-off per operation under the rr strategy).
//
//   sched_bench [ROUNDS]       (bench/controlled/run.sh runs every mode)
//===----------------------------------------------------------------------===//
#include <weft/weft.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace weft;

namespace {

threading::Lock Shared;
int Counter = 0;

/// 20 weft operations: 10 acquire/release pairs.
void worker() {
  for (int I = 0; I < 10; ++I) {
    Shared.acquire();
    ++Counter;
    Shared.release();
  }
}

void oneSchedule() {
  threading::Thread A(worker), B(worker);
  A.start();
  B.start();
  A.join();
  B.join();
}

void emptyThread() {
  threading::Thread T([] {});
  T.start();
  T.join();
}

double seconds(std::chrono::steady_clock::duration D) {
  return std::chrono::duration<double>(D).count();
}

template <class Fn> double perSecond(int N, Fn F) {
  auto Start = std::chrono::steady_clock::now();
  for (int I = 0; I < N; ++I)
    F();
  return N / seconds(std::chrono::steady_clock::now() - Start);
}

} // namespace

int main(int argc, char **argv) {
  int N = argc > 1 ? std::atoi(argv[1]) : 2000;
  const char *Mode = std::getenv("WEFT_SCHEDULE");
  double Schedules = perSecond(N, oneSchedule);
  double Threads = perSecond(N, emptyThread);
  std::printf("%-12s %9.0f schedules/s (2 threads x 20 ops)   %9.0f "
              "thread start+join/s\n",
              Mode ? Mode : "native", Schedules, Threads);
  return Counter == N * 20 ? 0 : 1;
}
