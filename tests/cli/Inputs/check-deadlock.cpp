// Two threads take two locks in opposite orders and always deadlock: each
// takes its first lock, says so with an Event, and waits for the other's
// Event before asking for its second lock (an Event orders no locks).
#include <weft/weft.h>

using namespace weft;
using threading::Event, threading::Lock, threading::Thread;

Lock knife, pot;
Event knifeTaken, potTaken;

void cook1() {
  knife.acquire();
  knifeTaken.set();
  potTaken.wait();
  pot.acquire();
  pot.release();
  knife.release();
}

void cook2() {
  pot.acquire();
  potTaken.set();
  knifeTaken.wait();
  knife.acquire();
  knife.release();
  pot.release();
}

int main() {
  Thread A(cook1), B(cook2);
  A.start();
  B.start();
  A.join();
  B.join();
}
