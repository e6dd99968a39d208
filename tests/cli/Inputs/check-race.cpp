// Two threads add to a plain int with no lock: a data race, which a plain
// build cannot see and a ThreadSanitizer build reports whatever the timing
// (the two writes are ordered by nothing).
#include <weft/weft.h>

using namespace weft;
using threading::Thread;

int counter = 0;

void add() { counter += 1; }

int main() {
  Thread A(add), B(add);
  A.start();
  B.start();
  A.join();
  B.join();
  print("counter", counter);
}
