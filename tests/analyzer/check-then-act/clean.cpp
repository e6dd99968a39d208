// One critical section covers the check and the act.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <weft/queue.h>
#include <weft/threading.h>

std::mutex m;
int balance = 100;
weft::queue::Queue<int> q;
weft::threading::Lock qlock;

bool withdraw(int amount) {
  std::lock_guard<std::mutex> g(m);
  if (balance < amount)
    return false;
  balance -= amount;
  return true;
}

void consumer() {
  weft::threading::Guard<weft::threading::Lock> g(qlock);
  if (!q.empty())
    q.get();
}
