// A thread returns while still holding a lock.
#include <weft/threading.h>

weft::threading::Lock L;

void work() {
  L.acquire();
}

int main() {
  weft::threading::Thread T(work);
  T.start();
  T.join();
  return 0;
}
