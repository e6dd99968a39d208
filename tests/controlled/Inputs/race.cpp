// tests/controlled input: two threads add to a counter, each reading it,
// sleeping and writing it back. Without an argument nothing orders the
// accesses (a data race); with "locked" a weft Lock does. Built with `weft
// c++ --tsan`, ThreadSanitizer must report the race under every schedule
// (the scheduler's hand-offs are no happens-before edges) and nothing for
// the locked version.
#include <weft/weft.h>

using namespace weft;

long Counter = 0;
threading::Lock L;

void racy() {
  for (int I = 0; I < 3; ++I) {
    long V = Counter;
    time::sleep(0.001);
    Counter = V + 1;
  }
}

void locked() {
  for (int I = 0; I < 3; ++I) {
    L.acquire();
    long V = Counter;
    time::sleep(0.001);
    Counter = V + 1;
    L.release();
  }
}

int main(int argc, char **) {
  auto Fn = argc > 1 ? locked : racy;
  threading::Thread A(Fn), B(Fn);
  A.start();
  B.start();
  A.join();
  B.join();
  print("counter", Counter);
}
