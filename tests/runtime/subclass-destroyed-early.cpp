// A Thread subclass whose object goes out of scope while its thread still
// runs: C++ cannot keep the derived object alive as Python does, so the
// runtime says so on stderr instead of silently running the base run().
// Deterministic: the thread is a daemon that spins inside run() on an
// atomic nobody sets, so it is still running when its object is destroyed,
// and the program still ends (daemon threads do not hold up the exit).
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: running
// CHECK-NEXT: weft: error: thread 'Thread-1' runs a Thread subclass whose object was destroyed while the thread was still running; its run() may not run at all.
// CHECK-NEXT: main ends

#include <atomic>
#include <weft/weft.h>

std::atomic<bool> Started{false}, Never{false};

struct Worker : weft::threading::Thread {
  void run() override {
    weft::print("running");
    Started = true;
    while (!Never.load(std::memory_order_relaxed))
      ;
  }
};

int main() {
  {
    Worker W;
    W.set_daemon(true);
    W.start();
    while (!Started)
      ;
  }
  weft::print("main ends");
}
