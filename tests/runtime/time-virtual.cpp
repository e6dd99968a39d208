// time.time(), time.monotonic() and time.perf_counter() follow the virtual
// clock under the controlled scheduler: a program that sleeps 10 s prints
// an elapsed time of 10 s (what a real run prints) but finishes in well
// under a second of wall time (measured here with the real CLOCK_MONOTONIC,
// which weft does not control; the bound of 9.5 s is just under what a run
// that really slept would take (10 s, then 7 s), so only real sleeping fails
// it: a controlled run takes milliseconds, and even a machine loaded to
// 14 runnable processes on 2 cores once took over 5 s). Two threads
// that sleep 3 s and 7 s at the same time take 7 s, as in a real run.
// time.time() is a fixed epoch (2000-01-01 00:00:00 UTC, 946684800 s) plus
// the virtual time: two runs of one seed print the same times, and a replay
// prints the recording's values to the nanosecond.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_SCHEDULE=random:1 %t 10 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_SCHEDULE=rr %t 10 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: env WEFT_SCHEDULE=pct:2:7 %t 10 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK:      time() starts at the epoch: 946684800.000000
// CHECK-NEXT: slept: time 10 monotonic 10 perf_counter 10 time_ns 10
// CHECK-NEXT: threads: 7
// CHECK-NEXT: wall clock under 10 s: True
//
// Natively the clocks are the real ones (a short sleep: at least that long).
// RUN: %t 0.05 2>&1 | FileCheck %s --check-prefix=NATIVE --implicit-check-not=warning: --implicit-check-not=error:
// NATIVE: time() is the date: True
// NATIVE-NEXT: at least 0.05 s: True
//
// A replay reads the same clocks as the recording, time.time() included.
// RUN: %weft run --schedule=random:4 --trace %t.rec.wtrace %t 10 stamps > %t.rec.out 2>&1
// RUN: %weft replay --trace %t.rep.wtrace %t.rec.wtrace > %t.rep.out 2>&1
// RUN: FileCheck %s --check-prefix=STAMPS --input-file=%t.rep.out
// STAMPS: stamp {{[0-9]+}} {{[0-9]+}} {{[0-9]+}}
// STAMPS: weft: replay reproduced
// RUN: grep '^stamp' %t.rec.out > %t.rec.stamps
// RUN: grep '^stamp' %t.rep.out > %t.rep.stamps
// RUN: diff %t.rec.stamps %t.rep.stamps
//
// Two runs of one seed print the same output, time.time() included.
// RUN: env WEFT_SCHEDULE=random:9 %t 2 stamps > %t.a.out 2>&1
// RUN: env WEFT_SCHEDULE=random:9 %t 2 stamps > %t.b.out 2>&1
// RUN: diff %t.a.out %t.b.out
// RUN: FileCheck %s --check-prefix=SAME --input-file=%t.a.out
// SAME: stamp 946684800000000000 946684809000000000 9000000000

#include <weft/weft.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <time.h>

using namespace weft;

double realSeconds(clockid_t C) {
  timespec T;
  clock_gettime(C, &T);
  return double(T.tv_sec) + double(T.tv_nsec) / 1e9;
}

std::string r(double X) { return std::to_string(std::lround(X)); }

int main(int argc, char **argv) {
  double Secs = argc > 1 ? std::atof(argv[1]) : 10;
  bool Stamps = argc > 2 && std::strcmp(argv[2], "stamps") == 0;
  bool Controlled = std::getenv("WEFT_SCHEDULE") != nullptr;
  double Wall0 = realSeconds(CLOCK_MONOTONIC);
  // Under control, the fixed epoch; natively, the real date.
  if (Controlled)
    print("time() starts at the epoch: " + std::to_string(time::time()));
  else
    print("time() is the date:",
          std::fabs(time::time() - realSeconds(CLOCK_REALTIME)) < 1);

  double T0 = time::time(), M0 = time::monotonic(), P0 = time::perf_counter();
  int64_t N0 = time::time_ns();
  time::sleep(Secs);
  double T1 = time::time(), M1 = time::monotonic(), P1 = time::perf_counter();
  int64_t N1 = time::time_ns();
  if (!Controlled) {
    print("at least " + std::string(argv[1]) + " s:",
          T1 - T0 >= Secs - 1e-3 && M1 - M0 >= Secs && P1 - P0 >= Secs &&
              N1 - N0 >= int64_t(Secs * 1e9) - 1000000);
    return 0;
  }
  print("slept: time " + r(T1 - T0) + " monotonic " + r(M1 - M0) +
        " perf_counter " + r(P1 - P0) + " time_ns " + r(double(N1 - N0) / 1e9));

  double Start = time::time();
  threading::Thread A([] { time::sleep(3); }), B([] { time::sleep(7); });
  A.start();
  B.start();
  A.join();
  B.join();
  print("threads: " + r(time::time() - Start));
  if (Stamps)
    print("stamp", N0, time::time_ns(), int64_t(time::monotonic() * 1e9));
  print("wall clock under 10 s:", realSeconds(CLOCK_MONOTONIC) - Wall0 < 9.5);
}
