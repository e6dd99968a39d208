// The same wait wrapper, called once without a loop by one caller: the
// wait is reported (a spurious wakeup returns with the condition false).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <condition_variable>
#include <mutex>

class Signal {
public:
  void WaitOnce(std::unique_lock<std::mutex> &lk) { cv_.wait(lk); }
  // CHECK: [[@LINE-1]]:57: warning: .wait() is not in a loop that re-tests the condition; it may return while the condition is still false [condition-wait-not-in-loop]
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

int take_hopefully() {
  std::unique_lock<std::mutex> lk(m);
  if (queued == 0)
    ready.WaitOnce(lk);
  return queued--;
}

int main() { return take() + take_hopefully(); }
