// Lambdas capture a local counter by reference.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <thread>

int main() {
  int counter = 0;
  std::thread a([&] {
    for (int i = 0; i < 1000; ++i)
      // CHECK: :[[@LINE+1]]:7: warning: data race on 'counter': written here by thread 'lambda in 'main'' (no lock held) and written at line [[#@LINE+5]] by thread 'lambda in 'main'' (no lock held) [data-race]
      counter++;
  });
  std::thread b([&counter] {
    for (int i = 0; i < 1000; ++i)
      counter--;
  });
  a.join();
  b.join();
  return counter;
}
