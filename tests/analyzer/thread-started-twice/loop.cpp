// start() in a loop on an object declared outside it.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <weft/threading.h>

void work() {}

int main() {
  weft::threading::Thread t(work);
  for (int i = 0; i < 2; ++i)
    // CHECK: :[[@LINE+1]]:5: error: thread 't' is started again here (in a loop); a thread can be started only once (RuntimeError) [thread-started-twice]
    t.start();
  t.join();
}
