// clean: per-thread partial sums merged once under a lock_guard in a member function
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

class Accumulator {
public:
  void add(long part) {
    std::lock_guard<std::mutex> lock(m_);
    sum_ += part;
  }
  long sum() const { return sum_; }
private:
  std::mutex m_;
  long sum_ = 0;
};

void work(Accumulator &acc, int from, int to) {
  long local = 0;
  for (int i = from; i < to; i++)
    local += i;
  acc.add(local);
}

int main() {
  Accumulator acc;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; i++)
    ts.push_back(std::thread(work, std::ref(acc), i * 100, (i + 1) * 100));
  for (auto &t : ts)
    t.join();
  std::cout << acc.sum() << std::endl;
}
