// Each thread holds a lock, but not the same one: still a race. (A lock
// held by both accesses is what orders them, not "some lock" each.)
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>

std::mutex in_lock, out_lock;
long hits;

void producer() {
  std::lock_guard<std::mutex> g(in_lock);
  // CHECK: :[[@LINE+1]]:5: warning: data race on 'hits': written here by thread 'producer' (holding 'in_lock') and written at line [[#@LINE+6]] by thread 'consumer' (holding 'out_lock') [data-race]
  ++hits;
}

void consumer() {
  std::lock_guard<std::mutex> g(out_lock);
  --hits;
}

int main() {
  std::thread a(producer), b(consumer);
  a.join();
  b.join();
}
