// deadlock: three philosophers, each takes left fork then right fork
#include <weft/threading.h>
#include <weft/print.h>
using namespace weft::threading;

Lock fork0, fork1, fork2;

void philosopher(Lock &left, Lock &right, int meals) {
  for (int i = 0; i < meals; i++) {
    left.acquire();
    right.acquire();
    right.release();
    left.release();
  }
}

int main() {
  Thread p0(philosopher, std::ref(fork0), std::ref(fork1), 100);
  Thread p1(philosopher, std::ref(fork1), std::ref(fork2), 100);
  Thread p2(philosopher, std::ref(fork2), std::ref(fork0), 100);
  p0.start();
  p1.start();
  p2.start();
  p0.join();
  p1.join();
  p2.join();
}
