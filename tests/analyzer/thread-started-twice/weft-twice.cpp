// The T07 shape: start() twice on one Thread object.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <weft/threading.h>

void work() {}

int main() {
  weft::threading::Thread t(work);
  t.start();
  // CHECK: :[[@LINE+2]]:3: error: thread 't' is started again here; a thread can be started only once (RuntimeError) [thread-started-twice]
  // CHECK-NEXT: :[[@LINE-2]]:3: note: first started here
  t.start();
  t.join();
}
