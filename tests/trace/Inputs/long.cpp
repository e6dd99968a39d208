// A long trace for the bounded-memory test: two threads each take and
// release their own Lock N times (one event each: an uncontended acquire
// records only lock-acquired), and a shared Lock every 100 rounds, so the
// trace has two streams of blocks and edges between them. N=500000
// writes about 2 million events (32 MB).
#include <weft/threading.h>

#include <cstdlib>

weft::threading::Lock Shared;

void work(long N) {
  weft::threading::Lock Own;
  for (long I = 0; I < N; ++I) {
    Own.acquire();
    Own.release();
    if (I % 100 == 0) {
      Shared.acquire();
      Shared.release();
    }
  }
}

int main(int Argc, char **Argv) {
  long N = Argc > 1 ? std::atol(Argv[1]) : 10;
  weft::threading::Thread A(work, N), B(work, N);
  A.start();
  B.start();
  A.join();
  B.join();
}
