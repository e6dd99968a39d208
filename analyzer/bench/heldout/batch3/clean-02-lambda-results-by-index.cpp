// clean: each lambda writes its own slot, main sums after joining
#include <iostream>
#include <thread>
#include <vector>

int main() {
  const int n = 4;
  std::vector<long> results(n, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&results, i] {
      long s = 0;
      for (int k = 0; k < 1000; ++k)
        s += k * (i + 1);
      results[i] = s;
    });
  }
  for (auto &t : threads)
    t.join();
  long total = 0;
  for (long r : results)
    total += r;
  std::cout << total << "\n";
}
