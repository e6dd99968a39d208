// tests/controlled input: two workers add to a counter under a lock. Built
// with -DCHANGED, the second worker also takes a second lock first: a trace
// recorded without CHANGED no longer matches that program, and the replay
// says where.
#include <weft/weft.h>

using namespace weft;

threading::Lock Counter("counter");
threading::Lock Log("log");
int Total = 0;

void work(int N) {
#ifdef CHANGED
  if (N == 2) {
    Log.acquire();
    Log.release();
  }
#endif
  for (int I = 0; I < 2; ++I) {
    Counter.acquire();
    Total += N;
    Counter.release();
  }
}

int main() {
  threading::Thread A(work, 1), B(work, 2);
  A.start();
  B.start();
  A.join();
  B.join();
  print("total", Total);
}
