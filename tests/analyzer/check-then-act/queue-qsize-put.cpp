// The S08 shape: qsize() tested, then put(): a note.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <weft/queue.h>

weft::queue::Queue<int> q(5);

void producer() {
  for (int n = 0; n < 10; ++n)
    // CHECK: :[[@LINE+2]]:9: note: 'q.qsize()' is checked here, then 'q.put()' acts on it at line [[#@LINE+3]] without a lock covering both; another thread may fill the queue in between [check-then-act]
    // CHECK-NEXT: :[[@LINE+2]]:7: note: 'q.put()' relies on the stale check here
    if (q.qsize() < 5)
      q.put(n);
}
