// tests/controlled input: a thread that polls a Lock with non-blocking
// acquires while main holds it and waits for the thread: it never ends.
#include <weft/weft.h>

using namespace weft;

threading::Lock L;

int main() {
  L.acquire();
  threading::Thread T([] {
    while (!L.acquire(false)) {
    }
  });
  T.start();
  T.join();
}
