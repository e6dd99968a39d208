// Under ThreadSanitizer (`weft c++ --tsan`), tasks that update a shared
// counter between awaits report no data race: they run on one thread, one
// step at a time, as in Python. A thread that touches the same counter
// while the loop runs, with nothing ordering the two, is a race.
// RUN: %weft c++ --tsan %s -o %t
// RUN: %t 2>&1 | FileCheck %s --match-full-lines --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// RUN: %weft c++ --tsan -DRACY %s -o %t.racy
// RUN: %expect-exit 66 %weft run --schedule=random:1 %t.racy 2>&1 | FileCheck %s --check-prefix=RACY --implicit-check-not=warning: --implicit-check-not=error:

#include <weft/asyncio.h>
#include <weft/weft.h>

using namespace weft;

int counter = 0;

asyncio::Coroutine<> bump(int n) {
  for (int i = 0; i < n; ++i) {
    int v = counter;
    co_await asyncio::sleep(0);
    counter = v + 1 - 1 + 1; // read, switch, write: lost updates, no race
  }
}

#ifdef RACY
void other() { counter += 100; }
#endif

asyncio::Coroutine<> amain() { co_await asyncio::gather(bump(3), bump(3)); }

int main() {
#ifdef RACY
  threading::Thread t(other);
  t.start();
#endif
  asyncio::run(amain());
#ifdef RACY
  t.join();
#endif
  print("counter", counter > 0);
}

// CHECK: counter True
// RACY: counter True
// RACY-NEXT: warning: data race on global 'counter': {{.*}} by task 'Task-{{[23]}}' {{.*}} [data-race]
// RACY: 1 warning generated.
