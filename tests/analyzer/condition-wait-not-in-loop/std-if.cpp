// condition_variable::wait without a predicate under an if, not a loop.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <condition_variable>
#include <mutex>

std::mutex m;
std::condition_variable cv;
bool ready;

void consumer() {
  std::unique_lock<std::mutex> lk(m);
  if (!ready)
    // CHECK: :[[@LINE+1]]:8: warning: .wait() is not in a loop that re-tests the condition; it may return while the condition is still false [condition-wait-not-in-loop]
    cv.wait(lk);
}
