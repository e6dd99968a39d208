// abort()/exit() with a lock held: the process ends, nothing leaks.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <cstdlib>
#include <mutex>

std::mutex m;
int shared;

void f(int x) {
  m.lock();
  if (x < 0)
    std::abort();
  if (x == 0)
    std::exit(1);
  shared += x;
  m.unlock();
}
