// A functor object is copied into each thread: its fields are per thread.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>

struct Accumulate {
  long sum = 0;
  void operator()(int n) {
    for (int i = 0; i < n; ++i)
      sum += i;
  }
};

int main() {
  Accumulate acc;
  std::thread a(acc, 10);
  std::thread b(acc, 20);
  a.join();
  b.join();
  return static_cast<int>(acc.sum);
}
