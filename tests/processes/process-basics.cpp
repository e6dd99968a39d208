// multiprocessing.Process as Python's: names (Process-N, the subclass's
// name, a child's children Process-1:1), pid None before start, exit codes
// (0, 1 after an exception with Python's "Process NAME:" report, -15 when
// terminated), a timed join of a child that is still running, is_alive,
// current_process() and active_children(), and Python's error messages.
// No outcome depends on timing: the only running child in a timed join
// sleeps 100 s and is terminated after.
// RUN: %weft c++ %s -o %t
// The second start is also a process-started-twice finding (exit 66).
// RUN: %expect-exit 66 %t > %t.out 2> %t.err
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// RUN: FileCheck %s --check-prefix=ERR --input-file=%t.err --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/weft.h>

#include "Inputs/expect.h"

#include <string>

using namespace weft;
using multiprocessing::Process;

class Worker : public Process {
public:
  void run() override {
    print("in", name(), multiprocessing::current_process().name());
    Process Grandchild([] {
      print("grandchild", multiprocessing::current_process().name());
    });
    Grandchild.start();
    Grandchild.join();
  }
};

int main() {
  print("main", multiprocessing::current_process().name(),
        multiprocessing::current_process().is_alive());
  print("cpus", multiprocessing::cpu_count() > 0);

  Process A([](int X, std::string S) { print("child got", X, S); }, 7,
            std::string("seven"));
  print(A.name(), A.pid().has_value(), A.exitcode().has_value());
  expect("join before start", [&] { A.join(); });
  expect("terminate before start", [&] { A.terminate(); });
  A.start();
  A.join();
  expect("start twice", [&] { A.start(); });
  expect("daemon after start", [&] { A.set_daemon(true); });
  print(A.name(), "exitcode", *A.exitcode(), "alive", A.is_alive());

  Worker W;
  W.start();
  W.join();
  print(W.name(), "exitcode", *W.exitcode());

  Process Fails([] { throw ValueError("bad value"); });
  Fails.start();
  Fails.join();
  print(Fails.name(), "exitcode", *Fails.exitcode());

  Process Sleeper([] { time::sleep(100); });
  Sleeper.start();
  Sleeper.join(0.05);
  print("after timed join: exitcode none", !Sleeper.exitcode().has_value(),
        "alive", Sleeper.is_alive());
  auto Kids = multiprocessing::active_children();
  print("active", Kids.size(), Kids.empty() ? "" : Kids[0]->name());
  Sleeper.terminate();
  Sleeper.join();
  print(Sleeper.name(), "exitcode", *Sleeper.exitcode(), "active",
        multiprocessing::active_children().size());

  Process Named(multiprocessing::ProcessOptions{.name = "worker", .daemon = {}},
                [] {});
  print(Named.name(), Named.daemon());
}

// CHECK: main MainProcess True
// CHECK-NEXT: cpus True
// CHECK-NEXT: Process-1 False False
// CHECK-NEXT: join before start -> AssertionError can only join a started process
// CHECK-NEXT: terminate before start -> AttributeError 'NoneType' object has no attribute 'terminate'
// CHECK-NEXT: child got 7 seven
// CHECK-NEXT: start twice -> AssertionError cannot start a process twice
// CHECK-NEXT: daemon after start -> AssertionError process has already started
// CHECK-NEXT: Process-1 exitcode 0 alive False
// CHECK-NEXT: in Worker-2 Worker-2
// CHECK-NEXT: grandchild Process-2:1
// CHECK-NEXT: Worker-2 exitcode 0
// CHECK-NEXT: Process-3 exitcode 1
// CHECK-NEXT: after timed join: exitcode none True alive True
// CHECK-NEXT: active 1 Process-4
// CHECK-NEXT: Process-4 exitcode -15 active 0
// CHECK-NEXT: worker False
// CHECK-EMPTY:

// ERR: Process Process-3:
// ERR-NEXT: ValueError: bad value
// ERR: process-basics.cpp:47:{{[0-9]+}}: error: process 'Process-1' is started again here; a process can be started only once (AssertionError) [process-started-twice]
// ERR-NEXT: process-basics.cpp:45:{{[0-9]+}}: note: first started here
