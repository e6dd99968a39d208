// Prints on stdout, and a thread returns while still holding a lock.
#include <weft/weft.h>

weft::threading::Lock L;

int main() {
  weft::print("hello from the program");
  weft::threading::Thread T([] { L.acquire(); });
  T.start();
  T.join();
  weft::print("goodbye from the program");
}
