// tests/controlled input: the worker takes a lock and ends; main waits for
// the worker with join(timeout=1). Under control, whether the timeout fires
// before the worker ends is a choice of the schedule, so some seeds print
// "alive True" and others "alive False".
#include <weft/weft.h>

using namespace weft;

threading::Lock L;

int main() {
  threading::Thread T([] {
    L.acquire();
    L.release();
  });
  T.start();
  T.join(1);
  print("alive", T.is_alive());
  T.join();
}
