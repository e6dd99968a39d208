// Two threads add to a counter under one lock: nothing to find.
#include <weft/weft.h>

using namespace weft;
using threading::Lock, threading::Thread;

Lock guard;
int counter = 0;

void add() {
  for (int I = 0; I < 100; ++I) {
    guard.acquire();
    counter += 1;
    guard.release();
  }
}

int main() {
  Thread A(add), B(add);
  A.start();
  B.start();
  A.join();
  B.join();
  print("counter", counter);
}
