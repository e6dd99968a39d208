// racy: several async tasks update a shared maximum captured by reference
#include <future>
#include <iostream>
#include <vector>

int main() {
  std::vector<int> values = {5, 3, 9, 1, 7, 8, 2, 6};
  int best = 0;
  std::vector<std::future<void>> fs;
  for (size_t k = 0; k < 4; k++) {
    fs.push_back(std::async(std::launch::async, [&values, &best, k] {
      for (size_t i = k * 2; i < k * 2 + 2; i++)
        if (values[i] > best)
          best = values[i];
    }));
  }
  for (auto &f : fs)
    f.get();
  std::cout << best << "\n";
}
