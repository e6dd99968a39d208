// Captured by copy (each thread its own), or guarded, or only read.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <thread>

int main() {
  int counter = 0;
  const int limit = 1000;
  std::mutex m;
  int guarded = 0;
  std::thread a([=]() mutable {
    for (int i = 0; i < limit; ++i)
      counter++;
  });
  std::thread b([counter, &m, &guarded, &limit]() mutable {
    counter += limit;
    std::lock_guard<std::mutex> g(m);
    guarded += counter;
  });
  {
    std::lock_guard<std::mutex> g(m);
    guarded -= 1;
  }
  a.join();
  b.join();
  return counter + guarded;
}
