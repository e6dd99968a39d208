// bench/trace: a program that makes a trace of a chosen length. Two
// threads each take and release their own Lock N times (an uncontended
// acquire records one event, a release one), and every 1000 rounds one
// shared Lock, so the trace holds two streams of blocks and real
// happens-before edges between them. `locks 2500000` writes about 10
// million events.
#include <weft/threading.h>

#include <cstdlib>

using namespace weft;

threading::Lock Shared;

void work(long N) {
  threading::Lock Own;
  for (long I = 0; I < N; ++I) {
    Own.acquire();
    Own.release();
    if (I % 1000 == 0) {
      Shared.acquire();
      Shared.release();
    }
  }
}

int main(int Argc, char **Argv) {
  long N = Argc > 1 ? std::atol(Argv[1]) : 2500000;
  threading::Thread A(work, N), B(work, N);
  A.start();
  B.start();
  A.join();
  B.join();
}
