// blocking-in-coroutine for the threading module: a task waits on a
// threading.Event (a timed wait: it blocks the loop's thread, though it
// cannot deadlock) and joins a thread. Each call is reported once, at its
// line, with the task; the same calls made by the main thread outside the
// loop are not.
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 66 %weft run --schedule=random:1 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/asyncio.h>
#include <weft/weft.h>

using namespace weft;

threading::Event flag;

void work() { time::sleep(0.01); }

asyncio::Coroutine<> check() {
  flag.wait(0.05); // blocks the loop
  threading::Thread t(work);
  t.start();
  t.join(); // blocks the loop
  co_return;
}

int main() {
  flag.wait(0.01); // not in a coroutine: fine
  asyncio::run(check());
  print("done");
}

// CHECK: done
// CHECK-NEXT: blocking-threading.cpp:19:3: warning: task 'Task-1' waits for Event 'flag' (created at blocking-threading.cpp:14) while it runs on the event loop: {{.*}} [blocking-in-coroutine]
// CHECK-NEXT: note: task 'Task-1' was created here
// CHECK-NEXT: blocking-threading.cpp:22:3: warning: task 'Task-1' waits for thread 'Thread-1' to end while it runs on the event loop: {{.*}} [blocking-in-coroutine]
// CHECK-NEXT: note: task 'Task-1' was created here
// CHECK-NEXT: 2 warnings generated.
