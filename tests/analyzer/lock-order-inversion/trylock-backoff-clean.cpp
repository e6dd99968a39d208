// The second lock is only tried (unique_lock with try_to_lock); on failure
// both are released and the loop retries: no lock-order edge, no finding.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <thread>

std::mutex ma, mb;
int shared = 0;

void forward() {
  for (;;) {
    std::unique_lock<std::mutex> a(ma);
    std::unique_lock<std::mutex> b(mb, std::try_to_lock);
    if (b.owns_lock()) {
      shared++;
      return;
    }
  }
}

void backward() {
  for (;;) {
    std::unique_lock<std::mutex> b(mb);
    std::unique_lock<std::mutex> a(ma, std::try_to_lock);
    if (a.owns_lock()) {
      shared--;
      return;
    }
  }
}

int main() {
  std::thread t1(forward), t2(backward);
  t1.join();
  t2.join();
}
