// std::thread copies its arguments: a reference parameter without std::ref
// binds to the thread's own copy.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>
#include <vector>

void fill(std::vector<int> v, const int &n) {
  for (int i = 0; i < n; ++i)
    v.push_back(i);
}

int main() {
  std::vector<int> data;
  int n = 10;
  std::thread a(fill, data, n);
  std::thread b(fill, data, n);
  a.join();
  b.join();
  return data.size();
}
