// tests/pictures input: three locks. Thread-1 takes a then b, and b then c;
// Thread-2, running at the same time, takes c then b (under the tests'
// schedule the two do not overlap, so the run does not deadlock). a -> b is a consistent order; b -> c and c -> b form a
// lock-order inversion.
#include <weft/weft.h>

using namespace weft;

threading::Lock a;
threading::Lock b;
threading::Lock c;

void first() {
  a.acquire();
  b.acquire();
  b.release();
  a.release();
  b.acquire();
  c.acquire();
  c.release();
  b.release();
}

void second() {
  c.acquire();
  b.acquire();
  b.release();
  c.release();
}

int main() {
  threading::Thread T1(first);
  threading::Thread T2(second);
  T1.start();
  T2.start();
  T1.join();
  T2.join();
}
