// A thread that has ended, never joined, and whose Thread object then goes
// out of scope (the course's samples that never join: L06, L07, S02-S04):
// the destructor frees the thread's state and the target it ran, which the
// thread read. The end of the thread happens before that, as a join would
// make it; no data race may be reported. Main waits for the end by polling
// is_alive(), which orders the two without a happens-before edge TSan
// could see, so without the edge in ~Thread the race is reported every run.
// RUN: rm -f %t.log*
// RUN: %weft c++ --tsan %s -o %t
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=ThreadSanitizer
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=ThreadSanitizer
// RUN: not ls %t.log.*
// CHECK: worked
// CHECK-NEXT: ended

#include <weft/weft.h>

#include <sched.h>
#include <string>

using namespace weft;

int main() {
  {
    std::string Word = "worked"; // captured by the target, read by the thread
    threading::Thread T([Word] { print(Word); });
    T.start();
    while (T.is_alive())
      sched_yield();
    print("ended");
  } // ~Thread: frees the target the thread ran
}
