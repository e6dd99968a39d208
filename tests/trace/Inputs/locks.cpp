// Two threads take a lock in turn; with KILL defined, main kills itself
// with SIGKILL at the end instead of returning.
#include <csignal>
#include <weft/threading.h>

weft::threading::Lock L;
int Counter = 0;

void work() {
  for (int I = 0; I < 3; ++I) {
    weft::threading::Guard G(L);
    ++Counter;
  }
}

int main() {
  weft::threading::Thread A(work), B(work);
  A.start();
  B.start();
  A.join();
  B.join();
#ifdef KILL
  L.acquire();
  std::raise(SIGKILL);
#endif
  return 0;
}
