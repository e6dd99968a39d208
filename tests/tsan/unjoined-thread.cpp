// A thread nobody joins is not a leak (Python never requires a join), even
// though weft's OS threads are joinable (a join waits for the thread's real
// exit): a daemon thread that ended, held by a Thread that outlives main,
// and a thread joined only with a timeout. native_id() of a thread that may
// not have run yet waits for it (start() returns before the child runs).
// RUN: %weft c++ --tsan %s -o %t
// RUN: env WEFT_TSAN_LOG=%t.log %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=ThreadSanitizer
// RUN: not ls %t.log.*
// RUN: %weft c++ %s -o %t.plain
// RUN: %expect-exit 0 %t.plain 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: ids known: 1 1
// CHECK-NEXT: done

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

Thread *Daemon; // never destroyed, never joined

int main() {
  Daemon = new Thread(ThreadOptions{.daemon = true}, [] {});
  Daemon->start();
  print("ids known:", Daemon->ident().has_value() ? 1 : 0,
        Daemon->native_id().has_value() ? 1 : 0);
  Thread Timed([] {});
  Timed.start();
  while (Timed.is_alive())
    Timed.join(0.01);
  print("done");
}
