// Two threads increment a global without a lock (tests/tsan helper). The
// second thread starts after the first has written (relaxed atomic: no
// happens-before for TSan), so the race is reported every run.
#include <weft/weft.h>

#include <atomic>

using namespace weft;
using namespace weft::threading;

int Counter = 0;
alignas(64) std::atomic<int> Written{0}; // own cache line: see docs/tsan.md

void bump_counter() { ++Counter; } // line 14

int main() {
  Thread A([] {
    bump_counter();
    Written.store(1, std::memory_order_relaxed);
  });
  Thread B([] {
    while (Written.load(std::memory_order_relaxed) == 0) {
    }
    bump_counter();
  });
  A.start();
  B.start();
  A.join();
  B.join();
  print("counter", Counter);
}
