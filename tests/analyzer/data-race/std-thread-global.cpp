// std::thread workers increment a global without a lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <thread>
#include <vector>

long hits = 0;

void work(int n) {
  for (int i = 0; i < n; ++i)
    // CHECK: :[[@LINE+1]]:7: warning: data race on 'hits': written here by thread 'work' (no lock held) and written at line [[#@LINE+1]] by another instance of thread 'work' (no lock held) [data-race]
    ++hits;
}
// CHECK-NEXT: note: conflicting write of 'hits'
// CHECK-NEXT: note: thread 'work' started here (std::thread), several instances at once

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back(work, 1000);
  for (auto &t : ts)
    t.join();
  return hits > 0 ? 0 : 1;
}
