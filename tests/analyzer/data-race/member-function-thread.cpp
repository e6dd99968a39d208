// Threads run a member function on one shared object.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <thread>

class Counter {
public:
  void run() {
    for (int i = 0; i < 100; ++i)
      // CHECK: :[[@LINE+1]]:7: warning: data race on 'c.value': written here by thread 'Counter::run' (no lock held) and written at line [[#@LINE+1]] by thread 'Counter::run' (no lock held) [data-race]
      value += 1;
  }
  int value = 0;
};

int main() {
  Counter c;
  std::thread a(&Counter::run, &c);
  std::thread b(&Counter::run, &c);
  a.join();
  b.join();
  return c.value;
}
