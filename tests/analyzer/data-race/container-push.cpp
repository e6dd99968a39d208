// Two threads push_back into one vector without a lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <thread>
#include <vector>

std::vector<int> items;

void producer(int base) {
  for (int i = 0; i < 100; ++i)
    // CHECK: :[[@LINE+1]]:11: warning: data race on 'items': written here by thread 'producer' (no lock held) and written at line [[#@LINE+1]] by thread 'producer' (no lock held) [data-race]
    items.push_back(base + i);
}

int main() {
  std::thread a(producer, 0);
  std::thread b(producer, 1000);
  a.join();
  b.join();
  return items.size() == 200 ? 0 : 1;
}
