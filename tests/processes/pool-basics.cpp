// multiprocessing.Pool as Python's: apply_async with a callback and an
// error_callback (run in the parent, before get() returns), apply, map with
// its values in the items' order, a lambda without captures as the task,
// an exception raised in a worker re-raised by get() with its Python name,
// a timed get of a task still running (TimeoutError), successful() before
// the task is done, and the errors of a pool closed or still running. The
// workers are named ForkPoolWorker-N and are actors of the run, and every
// trace file closes cleanly. No outcome depends on timing: the task still
// running at the timed get waits for a multiprocessing Lock the parent
// holds until then.
// RUN: %weft c++ %s -o %t
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %weft run --trace %t.d/run.wtrace %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Traceback
// RUN: %weft trace check %t.d/run.wtrace > %t.check 2>&1
// RUN: not grep . %t.check
// RUN: %weft trace show --no-times %t.d/run.wtrace | FileCheck %s --check-prefix=SHOW
// SHOW-DAG: ForkPoolWorker-1{{ +}}process-begin{{ +}}'ForkPoolWorker-1'
// SHOW-DAG: ForkPoolWorker-2{{ +}}process-begin{{ +}}'ForkPoolWorker-2'
// SHOW-DAG: ForkPoolWorker-3{{ +}}process-begin{{ +}}'ForkPoolWorker-3'

#include <weft/weft.h>

#include "Inputs/expect.h"

#include <string>
#include <vector>

using namespace weft;
namespace mp = weft::multiprocessing;

int square(int x) { return x * x; }

std::string shout(std::string s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += s + "!";
  return out;
}

int fails(int x) {
  if (x > 2)
    throw ValueError("too big: " + std::to_string(x));
  return x;
}

mp::Lock *gate; // made before the pool: its workers share it

void held() {
  gate->acquire();
  gate->release();
}

int main() {
  mp::Lock lock;
  gate = &lock;
  mp::Pool pool(3);

  // The callback runs in the parent (its own thread) before get() returns.
  auto r1 = pool.apply_async(shout, std::make_tuple(std::string("hi"), 3),
                             [](std::string v) { print("callback:", v); });
  print("get:", r1.get());
  // CHECK: callback: hi!hi!hi!
  // CHECK-NEXT: get: hi!hi!hi!
  print("ready:", r1.ready(), "successful:", r1.successful());
  // CHECK-NEXT: ready: True successful: True

  print("apply:", pool.apply(square, std::make_tuple(7)));
  // CHECK-NEXT: apply: 49

  std::vector<int> xs{1, 2, 3, 4, 5, 6, 7, 8};
  auto squares = pool.map(square, xs);
  for (int v : squares)
    print(v);
  // CHECK-NEXT: 1
  // CHECK-NEXT: 4
  // CHECK-NEXT: 9
  // CHECK-NEXT: 16
  // CHECK-NEXT: 25
  // CHECK-NEXT: 36
  // CHECK-NEXT: 49
  // CHECK-NEXT: 64

  auto twice = pool.map([](int x) { return 2 * x; }, {5, 6});
  print("lambda:", twice[0], twice[1]);
  // CHECK-NEXT: lambda: 10 12

  // An exception in the worker: get() raises it; error_callback gets it.
  auto bad = pool.apply_async(fails, std::make_tuple(5), {},
                              [](const Error &e) {
                                print("error_callback:", e.pythonName(),
                                      e.what());
                              });
  expect("get", [&] { bad.get(); });
  // CHECK-NEXT: error_callback: ValueError too big: 5
  // CHECK-NEXT: get -> ValueError too big: 5
  print("successful:", bad.successful());
  // CHECK-NEXT: successful: False
  expect("map", [&] { pool.map(fails, std::vector<int>{1, 2, 3}); });
  // CHECK-NEXT: map -> ValueError too big: 3

  gate->acquire();
  auto running = pool.apply_async(held);
  expect("successful", [&] { running.successful(); });
  // CHECK-NEXT: successful -> ValueError <multiprocessing.pool.ApplyResult object> not ready
  expect("get(timeout)", [&] { running.get(0.01); });
  // CHECK-NEXT: get(timeout) -> TimeoutError
  gate->release();
  running.wait();
  print("waited:", running.ready());
  // CHECK-NEXT: waited: True

  expect("join", [&] { pool.join(); });
  // CHECK-NEXT: join -> ValueError Pool is still running
  pool.close();
  expect("apply_async", [&] { pool.apply_async(square, std::make_tuple(1)); });
  // CHECK-NEXT: apply_async -> ValueError Pool not running
  pool.join();
  print("joined");
  // CHECK-NEXT: joined
}
