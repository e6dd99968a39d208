// A reference parameter bound with std::ref: both threads write it.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <functional>
#include <thread>

void add(long &total, int n) {
  for (int i = 0; i < n; ++i)
    // CHECK: :[[@LINE+1]]:5: warning: data race on 'sum': written here by thread 'add' (no lock held) and written at line [[#@LINE+1]] by thread 'add' (no lock held) [data-race]
    total += i;
}

int main() {
  long sum = 0;
  std::thread t1(add, std::ref(sum), 100);
  std::thread t2(add, std::ref(sum), 200);
  t1.join();
  t2.join();
  return sum > 0;
}
