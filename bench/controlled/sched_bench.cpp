//===- bench/controlled/sched_bench.cpp - schedules per second ------------===//
//
// The measure: schedules per second for a two-thread program with 20
// weft operations each. One process runs the program's body N times in a
// row (each round is one schedule: the strategy's random stream goes on, so
// every round is a different interleaving); run it under WEFT_SCHEDULE to
// measure the controlled scheduler, without it for the native runtime.
// It also times the cost that bounds a schedule most: starting and joining a
// thread. Each rate is given per wall-clock second and per CPU second of the
// process (CLOCK_PROCESS_CPUTIME_ID: user + system time of all its threads).
// The second is what one core would give if nothing else ran on it; on a
// shared, loaded machine the first mostly measures the load.
//
//   sched_bench [ROUNDS]       (bench/controlled/run.sh runs every mode)
//===----------------------------------------------------------------------===//
#include <weft/weft.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <time.h>

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

double cpuSeconds() {
  timespec T;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &T);
  return double(T.tv_sec) + double(T.tv_nsec) / 1e9;
}

struct Rate {
  double Wall, Cpu; // per wall-clock second, per CPU second
};

template <class Fn> Rate perSecond(int N, Fn F) {
  auto Start = std::chrono::steady_clock::now();
  double Cpu0 = cpuSeconds();
  for (int I = 0; I < N; ++I)
    F();
  double Cpu = cpuSeconds() - Cpu0;
  return {N / seconds(std::chrono::steady_clock::now() - Start), N / Cpu};
}

} // namespace

int main(int argc, char **argv) {
  int N = argc > 1 ? std::atoi(argv[1]) : 2000;
  const char *Mode = std::getenv("WEFT_SCHEDULE");
  Rate Schedules = perSecond(N, oneSchedule);
  Rate Threads = perSecond(N, emptyThread);
  std::printf("%-12s %7.0f schedules/s (2 threads x 20 ops; %7.0f per CPU "
              "s)   %7.0f thread start+join/s (%7.0f per CPU s)\n",
              Mode ? Mode : "native", Schedules.Wall, Schedules.Cpu,
              Threads.Wall, Threads.Cpu);
  return Counter == N * 20 ? 0 : 1;
}
