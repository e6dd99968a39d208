// tests/controlled input: a program that sleeps 10 s in all (S02-style): a
// worker sleeps 10 s, main waits for it with join(timeout=3) twice and then
// without a timeout. Under the controlled scheduler time is virtual: it
// finishes in milliseconds, and prints what a real run prints.
#include <weft/weft.h>

#include <cstdio>

using namespace weft;

int main() {
  double Start = time::monotonic();
  threading::Thread Worker([] {
    print("worker: sleeping 10 s");
    time::sleep(10);
    print("worker: done");
  });
  Worker.start();
  Worker.join(3);
  print("after join(3): alive", Worker.is_alive());
  Worker.join(3);
  print("after join(3): alive", Worker.is_alive());
  Worker.join();
  char Buf[64];
  std::snprintf(Buf, sizeof Buf, "elapsed %.1f s", time::monotonic() - Start);
  print(Buf);
}
