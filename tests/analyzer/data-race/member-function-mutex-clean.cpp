// The same with a member mutex taken in the method.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <thread>

class Counter {
public:
  void run() {
    for (int i = 0; i < 100; ++i) {
      std::lock_guard<std::mutex> g(m);
      value += 1;
    }
  }
  int get() {
    std::lock_guard<std::mutex> g(m);
    return value;
  }

private:
  std::mutex m;
  int value = 0;
};

int main() {
  Counter c;
  std::thread a(&Counter::run, &c);
  std::thread b(&Counter::run, &c);
  int seen = c.get();
  a.join();
  b.join();
  return seen + c.get();
}
