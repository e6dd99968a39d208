// racy: the mutex only protects the printing, not the running total
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

std::mutex print_mtx;
long total = 0;

void sum_range(const std::vector<int> &v, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    total += v[i];
  std::lock_guard<std::mutex> g(print_mtx);
  std::cout << "done " << from << ".." << to << "\n";
}

int main() {
  std::vector<int> v(1000, 1);
  std::thread a(sum_range, std::cref(v), 0, 500);
  std::thread b(sum_range, std::cref(v), 500, 1000);
  a.join();
  b.join();
  std::cout << total << "\n";
}
