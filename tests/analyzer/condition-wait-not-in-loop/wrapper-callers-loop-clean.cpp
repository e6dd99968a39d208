// A wait wrapper (a class around std::condition_variable that waits once)
// is fine when every call of it sits in a loop re-testing the condition.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <condition_variable>
#include <mutex>

class Signal {
public:
  void WaitOnce(std::unique_lock<std::mutex> &lk) { cv_.wait(lk); }
  void Notify() { cv_.notify_all(); }

private:
  std::condition_variable cv_;
};

std::mutex m;
Signal ready;
int queued;

int take() {
  std::unique_lock<std::mutex> lk(m);
  while (queued == 0)
    ready.WaitOnce(lk);
  return queued--;
}

int take_two() {
  std::unique_lock<std::mutex> lk(m);
  for (;;) {
    if (queued >= 2)
      break;
    ready.WaitOnce(lk);
  }
  queued -= 2;
  return 2;
}

void put() {
  std::lock_guard<std::mutex> g(m);
  ++queued;
  ready.Notify();
}

int main() {
  put();
  put();
  put();
  return take() + take_two();
}
