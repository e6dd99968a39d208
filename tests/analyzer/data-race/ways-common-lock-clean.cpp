// The other side of the same rule: both accesses hold 'shared' (one of
// them holds another lock too), so they are ordered: no race.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <thread>

std::mutex shared, extra;
int total;

void add() {
  std::scoped_lock both(extra, shared);
  total += 2;
}

void sub() {
  std::lock_guard<std::mutex> g(shared);
  total -= 1;
}

int main() {
  std::thread t1(add), t2(sub);
  t1.join();
  t2.join();
}
