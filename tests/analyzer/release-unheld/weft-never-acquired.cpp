// A thread body releases a weft Lock it never acquired.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <weft/threading.h>

weft::threading::Lock lock;

void worker() {
  // CHECK: :[[@LINE+1]]:3: error: 'lock' released here but never acquired by this thread [release-unheld]
  lock.release();
}

int main() {
  weft::threading::Thread t(worker);
  t.start();
  t.join();
}
