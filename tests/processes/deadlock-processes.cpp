// D01's deadlock with two processes and a multiprocessing.Lock pair: the
// first child holds lock1 and waits for lock2, the second holds lock2 and
// waits for lock1. A Pipe handshake (no lock-order edge) makes both hold
// their first lock before either asks for its second, so the deadlock is
// the outcome of every run. weft reports it within a second instead of
// hanging: one child reports, the other is ended, and the run ends with 66.
// Fixed twin: deadlock-processes_fixed.cpp.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %weft run --trace %t.wtrace %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// CHECK-DAG: deadlock-processes.cpp:{{37|45}}:{{[0-9]+}}: error: deadlock: 2 processes wait for each other forever: process 'Process-{{[12]}}' and process 'Process-{{[12]}}' [deadlock]
// CHECK-DAG: deadlock-processes.cpp:37:{{[0-9]+}}: note: process 'Process-1' waits for multiprocessing.Lock 'lock2' (created at deadlock-processes.cpp:51) here
// CHECK-DAG: deadlock-processes.cpp:34:{{[0-9]+}}: note: multiprocessing.Lock 'lock1' (created at deadlock-processes.cpp:50) is held by process 'Process-1', acquired here
// CHECK-DAG: deadlock-processes.cpp:45:{{[0-9]+}}: note: process 'Process-2' waits for multiprocessing.Lock 'lock1' (created at deadlock-processes.cpp:50) here
// CHECK-DAG: deadlock-processes.cpp:42:{{[0-9]+}}: note: multiprocessing.Lock 'lock2' (created at deadlock-processes.cpp:51) is held by process 'Process-2', acquired here
// CHECK: 1 error generated.
// Offline, `weft trace check` reads the run as one (the Lock pair is one
// object in every file) and the same detectors find the same cycle.
// RUN: %expect-exit 1 %weft trace check %t.wtrace > %t.check 2>&1
// RUN: FileCheck %s --check-prefix=TRACE --input-file=%t.check --implicit-check-not=warning: --implicit-check-not=error:
// TRACE-DAG: deadlock-processes.cpp:{{37|45}}:{{[0-9]+}}: error: deadlock: 2 threads wait for each other forever: process 'Process-{{[12]}}' and process 'Process-{{[12]}}' [deadlock]
// TRACE-DAG: deadlock-processes.cpp:37:{{[0-9]+}}: note: process 'Process-1' waits for multiprocessing.Lock 'lock2' (created at deadlock-processes.cpp:51) here
// TRACE-DAG: deadlock-processes.cpp:45:{{[0-9]+}}: note: process 'Process-2' waits for multiprocessing.Lock 'lock1' (created at deadlock-processes.cpp:50) here
// TRACE: 1 error generated.

#include <weft/weft.h>

#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;

void fun1(mp::Lock lock1, mp::Lock lock2, mp::Connection c) {
  lock1.acquire();
  c.send(std::string("holding lock1"));
  c.recv<std::string>();
  lock2.acquire();
  print("never here");
}

void fun2(mp::Lock lock1, mp::Lock lock2, mp::Connection c) {
  lock2.acquire();
  c.send(std::string("holding lock2"));
  c.recv<std::string>();
  lock1.acquire();
  print("never here");
}

int main() {
  mp::Lock lock1;
  mp::Lock lock2;
  auto [a, b] = mp::Pipe();
  mp::Process p1(fun1, lock1, lock2, a);
  mp::Process p2(fun2, lock1, lock2, b);
  p1.start();
  p2.start();
  p1.join();
  p2.join();
}
