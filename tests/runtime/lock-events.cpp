// Which events an acquire records. Natively, an acquire that finds the lock
// free (or an RLock re-entered by its owner) records lock-acquired alone;
// lock-request is recorded only when the lock is held at that moment: a
// try of a held Lock (then lock-failed) and a double acquire. Under the
// controlled scheduler every acquire records lock-request first (the
// scheduling point before the lock is taken).
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --check-prefix=OUT --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show --no-times %t.wtrace | FileCheck %s --check-prefix=NATIVE --implicit-check-not=lock-request
// RUN: %weft trace check %t.wtrace
// RUN: %weft run --schedule=rr --trace %t.ctl.wtrace %t 2>&1 | FileCheck %s --check-prefix=OUT --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show --no-times %t.ctl.wtrace | FileCheck %s --check-prefix=CONTROLLED
#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

Lock L("plain");
RLock R("re");

int main() {
  L.acquire();
  L.release();
  R.acquire();
  R.acquire();
  R.release();
  R.release();
  L.acquire();
  Thread T([] { print("other try:", L.acquire(false)); });
  T.start();
  T.join();
  L.release();
  // OUT: other try: False
}

// NATIVE:      MainThread lock-acquired Lock 'plain'
// NATIVE-NEXT: MainThread lock-released Lock 'plain'
// NATIVE-NEXT: MainThread lock-acquired RLock 're'
// NATIVE-NEXT: MainThread lock-acquired RLock 're'
// NATIVE-NEXT: MainThread lock-released RLock 're'
// NATIVE-NEXT: MainThread lock-released RLock 're'
// NATIVE-NEXT: MainThread lock-acquired Lock 'plain'
// The only lock-request: the other thread's try while 'plain' is held.
// NATIVE:      Thread-1 lock-request Lock 'plain'
// NATIVE-NEXT: Thread-1 lock-failed Lock 'plain'
// NATIVE:      MainThread lock-released Lock 'plain'

// CONTROLLED:      MainThread lock-request Lock 'plain'
// CONTROLLED-NEXT: MainThread lock-acquired Lock 'plain'
// CONTROLLED-NEXT: MainThread lock-released Lock 'plain'
// CONTROLLED-NEXT: MainThread lock-request RLock 're'
// CONTROLLED-NEXT: MainThread lock-acquired RLock 're'
// CONTROLLED-NEXT: MainThread lock-request RLock 're'
// CONTROLLED-NEXT: MainThread lock-acquired RLock 're'
