// Lock and unlock under the same condition, or a flag remembering it:
// no path holds the lock at the end.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>

std::mutex m;
int shared;

void f(bool sync) {
  if (sync)
    m.lock();
  ++shared;
  if (sync)
    m.unlock();
}

void g(int n) {
  bool locked = false;
  if (n > 0) {
    m.lock();
    locked = true;
  }
  shared += n;
  if (locked)
    m.unlock();
}

void h(bool sync) {
  if (!sync) {
    ++shared;
  } else {
    m.lock();
    ++shared;
  }
  if (sync)
    m.unlock();
}
