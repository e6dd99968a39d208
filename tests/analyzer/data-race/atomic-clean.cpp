// std::atomic counters and flags.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <atomic>
#include <thread>
#include <vector>

std::atomic<int> hits{0};
std::atomic<bool> stop{false};

void work() {
  while (!stop.load()) {
    hits.fetch_add(1);
    if (hits > 1000)
      stop = true;
  }
  hits++;
}

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i)
    ts.push_back(std::thread(work));
  for (std::thread &t : ts)
    t.join();
  return hits.load() > 0 ? 0 : 1;
}
