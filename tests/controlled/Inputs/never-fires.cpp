// tests/controlled input: main holds a Lock for ever and joins a thread that
// waits for that Lock with a timeout of 10^12 s (about 31,700 years). The
// Checker does not call a timed wait a deadlock; under control no thread can
// run and the only timeout would fire after NeverNs, which counts as never:
// the run ends at once with a deadlock finding that names both waits.
#include <weft/weft.h>

using namespace weft;

threading::Lock Door("door");

int main() {
  Door.acquire();
  threading::Thread T([] {
    if (Door.acquire(true, 1e12))
      print("got the door");
  });
  T.start();
  T.join();
  print("not reached");
}
