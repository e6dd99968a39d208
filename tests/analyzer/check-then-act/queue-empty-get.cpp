// The S07 shape: empty() tested, then get() without a covering lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <weft/queue.h>
#include <weft/threading.h>

weft::queue::Queue<int> q;

void consumer() {
  for (int i = 0; i < 10; ++i) {
    // CHECK: :[[@LINE+2]]:10: warning: 'q.empty()' is checked here, then 'q.get()' acts on it at line [[#@LINE+3]] without a lock covering both; another thread may empty the queue in between [check-then-act]
    // CHECK-NEXT: :[[@LINE+2]]:15: note: 'q.get()' relies on the stale check here
    if (!q.empty()) {
      int v = q.get();
      (void)v;
    }
  }
}
