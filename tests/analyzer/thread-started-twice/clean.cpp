// A new Thread object per iteration; two objects started once each;
// starts on exclusive branches.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <weft/threading.h>

void work() {}

int main(int argc, char **) {
  for (int i = 0; i < 3; ++i) {
    weft::threading::Thread t(work);
    t.start();
    t.join();
  }
  weft::threading::Thread a(work), b(work);
  a.start();
  b.start();
  a.join();
  b.join();
  weft::threading::Thread c(work);
  if (argc > 1)
    c.start();
  else
    c.start();
  c.join();
}
