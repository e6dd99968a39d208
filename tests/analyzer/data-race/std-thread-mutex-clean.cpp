// lock_guard and unique_lock around every access; main reads after join.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <thread>
#include <vector>

std::mutex m;
long hits = 0;
std::vector<int> log_;

void work(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex> g(m);
    ++hits;
    log_.push_back(i);
  }
  std::unique_lock<std::mutex> lk(m);
  hits += 2;
  lk.unlock();
}

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back(work, 1000);
  for (auto &t : ts)
    t.join();
  return hits + log_.size() > 0 ? 0 : 1;
}
