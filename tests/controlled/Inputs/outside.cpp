// tests/controlled input: main holds a std::mutex (which weft does not
// control) and joins a thread that blocks on it. Under control the thread
// blocks in the OS while main waits for its turn: the watchdog notices that
// the running thread makes no weft operation and names it.
#include <weft/weft.h>

#include <mutex>

using namespace weft;

std::mutex Raw;

int main() {
  Raw.lock();
  threading::Thread T([] {
    print("worker: locking the std::mutex");
    Raw.lock();
    print("not reached");
  });
  T.start();
  T.join();
}
