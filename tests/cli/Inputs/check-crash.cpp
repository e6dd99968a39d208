// A thread takes and releases a lock; then the main thread crashes while
// holding it.
#include <weft/weft.h>

#include <csignal>

using namespace weft;
using threading::Lock, threading::Thread;

Lock guard;

int main() {
  Thread T([] {
    guard.acquire();
    guard.release();
  });
  T.start();
  T.join();
  guard.acquire();
  std::raise(SIGSEGV);
}
