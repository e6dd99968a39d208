//===- bench/asyncio/asyncio_bench.cpp - the cost of a task switch ----------===//
//
// Two asyncio operations with recording and online checking on, against a
// bare C++20 coroutine resume plus the floor of recording their events
// (floor/FloorTrace.h), in one run (bench/asyncio/README.md):
//   ready   `co_await ev.wait()` of a set asyncio.Event: an await that does
//           not suspend (1 event), as CPython's await of a done future;
//   pingpong two tasks alternating with `co_await asyncio::sleep(0)`: per
//           operation one switch of the loop to the other task (1 event).
// Prints ns per operation, best of 5 rounds. run.sh adds CPython's column.
//===----------------------------------------------------------------------===//
#include "floor/FloorTrace.h"

#include <weft/asyncio.h>

#include <chrono>
#include <coroutine>
#include <cstdio>
#include <cstdlib>

using namespace weft;

namespace {

using Clock = std::chrono::steady_clock;

double nsPer(Clock::time_point A, Clock::time_point B, long N) {
  return std::chrono::duration<double, std::nano>(B - A).count() / double(N);
}

// -- the bare coroutine: resumed N times from a loop ---------------------------
struct Bare {
  struct promise_type {
    Bare get_return_object() {
      return Bare{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> H;
};

volatile long Sink = 0;

Bare bareLoop() {
  for (;;) {
    Sink = Sink + 1;
    co_await std::suspend_always{};
  }
}

double bareNs(long N, bool Floor) {
  Bare B = bareLoop();
  if (Floor)
    floortrace::open(uint64_t(N) * 16 + (1 << 20), true);
  auto T0 = Clock::now();
  for (long I = 0; I < N; ++I) {
    B.H.resume();
    if (Floor)
      floortrace::record(1, 1);
  }
  auto T1 = Clock::now();
  if (Floor)
    floortrace::close();
  B.H.destroy();
  return nsPer(T0, T1, N);
}

// -- weft ----------------------------------------------------------------------
asyncio::Coroutine<double> readyAwaits(long N) {
  asyncio::Event Ev("bench");
  Ev.set();
  // In slices of 1000 with a sleep(0) between them (0.1% of the awaits):
  // one step of N awaits would stall the loop (a loop-stalled finding).
  auto T0 = Clock::now();
  for (long I = 0; I < N; ++I) {
    co_await Ev.wait();
    if (I % 1000 == 999)
      co_await asyncio::sleep(0);
  }
  co_return nsPer(T0, Clock::now(), N);
}

asyncio::Coroutine<> pinger(long N) {
  for (long I = 0; I < N; ++I)
    co_await asyncio::sleep(0);
}

asyncio::Coroutine<double> pingPong(long N) {
  auto T0 = Clock::now();
  co_await asyncio::gather(pinger(N / 2), pinger(N / 2));
  co_return nsPer(T0, Clock::now(), N);
}

} // namespace

int main(int Argc, char **Argv) {
  const long N = Argc > 1 ? std::atol(Argv[1]) : 200000;
  double Ready = 1e30, Ping = 1e30, BareR = 1e30, BareF = 1e30;
  for (int R = 0; R < 5; ++R) {
    BareR = std::min(BareR, bareNs(N, false));
    BareF = std::min(BareF, bareNs(N, true));
    Ready = std::min(Ready, asyncio::run(readyAwaits(N)));
    Ping = std::min(Ping, asyncio::run(pingPong(N)));
  }
  std::printf("bare coroutine resume:              %8.2f ns\n", BareR);
  std::printf("bare resume + floor (1 record):     %8.2f ns\n", BareF);
  std::printf("weft await of a ready Event (1 ev): %8.2f ns  %.1fx the floor\n",
              Ready, Ready / BareF);
  std::printf("weft sleep(0) ping-pong, per switch: %7.2f ns  %.1fx the floor\n",
              Ping, Ping / BareF);
  return 0;
}
