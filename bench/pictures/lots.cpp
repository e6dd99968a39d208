// bench/pictures: a program that makes a trace of a chosen size. Two
// threads take one Lock in turn and pass items through a Queue, N rounds
// each (about 6 events per round and thread).
#include <weft/weft.h>

#include <cstdlib>

using namespace weft;

threading::Lock L;
queue::Queue<int> Q;

void work(long N) {
  for (long I = 0; I < N; ++I) {
    L.acquire();
    L.release();
    Q.put(1);
    Q.get();
  }
}

int main(int Argc, char **Argv) {
  long N = Argc > 1 ? std::atol(Argv[1]) : 100000;
  threading::Thread A(work, N), B(work, N);
  A.start();
  B.start();
  A.join();
  B.join();
}
