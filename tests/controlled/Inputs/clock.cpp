// tests/controlled input: a program whose operations depend on something
// weft does not control (the wall clock's nanoseconds): with "stable" it
// does not look at the clock. --check-determinism must flag the first one.
#include <weft/weft.h>

#include <cstring>
#include <time.h>

using namespace weft;

threading::Lock A, B;

int main(int argc, char **argv) {
  bool Stable = argc > 1 && std::strcmp(argv[1], "stable") == 0;
  timespec T;
  clock_gettime(CLOCK_REALTIME, &T);
  int Rounds = Stable ? 3 : 1 + static_cast<int>(T.tv_nsec % 1000);
  threading::Thread W([&] {
    for (int I = 0; I < Rounds; ++I) {
      A.acquire();
      A.release();
    }
  });
  W.start();
  for (int I = 0; I < 3; ++I) {
    B.acquire();
    B.release();
  }
  W.join();
}
