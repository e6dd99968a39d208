// Python's exit with daemon threads (catalog T04): a daemon thread blocked
// forever (on an Event nobody sets, on a Semaphore nobody releases) does not
// keep the program alive, is not a deadlock, and is recorded as killed at
// exit. A non-daemon thread is still waited for.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

Event Never("never");
Semaphore Empty("empty", 0);
Event Started("started");
Event MainDone("main done");

int main() {
  Thread Waiter(ThreadOptions{.name = "waiter", .daemon = true}, [] {
    Started.set();
    Never.wait(); // nobody ever sets it
    print("not reached");
  });
  Thread Taker(ThreadOptions{.name = "taker"}, [] {
    Started.wait();
    MainDone.wait();
    print("non-daemon thread ends after main");
  });
  Thread Sleeper([] {}); // daemon inherited from the creating thread
  Sleeper.set_daemon(true);
  Sleeper.start();
  Sleeper.join();
  Thread Acquirer(ThreadOptions{.name = "acquirer", .daemon = true},
                  [] { Empty.acquire(); });
  Waiter.start();
  Acquirer.start();
  print("daemon:", Waiter.daemon(), Taker.daemon(), Sleeper.daemon());
  Taker.start();
  print("main returns");
  MainDone.set();
  return 0;
}

// CHECK: daemon: True False True
// CHECK-NEXT: main returns
// CHECK-NEXT: non-daemon thread ends after main
// CHECK-NOT: not reached
// TRACE-DAG: daemon-killed {{.*}}waiter
// TRACE-DAG: daemon-killed {{.*}}acquirer
// TRACE: program-exit
