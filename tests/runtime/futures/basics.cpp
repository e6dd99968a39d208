// ThreadPoolExecutor with Python's semantics: submit / result / done,
// exceptions coming back through result() and exception(), map in input
// order, as_completed, wait(return_when), add_done_callback, shutdown, the
// `with` block (destructor), the workers' names. Orders that could depend on
// timing are forced with queues. No finding (closed world).
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

using namespace weft;
using futures::Future;
using futures::ThreadPoolExecutor;

int square(int X) { return X * X; }

int main() {
  {
    ThreadPoolExecutor ex(2); // with ThreadPoolExecutor(2) as ex:
    Future<int> f = ex.submit(square, 7);
    print("result:", f.result(), "done:", f.done(), "running:", f.running(),
          "cancelled:", f.cancelled());
    // CHECK: result: 49 done: True running: False cancelled: False
    print("exception is null:", f.exception() == nullptr);
    // CHECK-NEXT: exception is null: True

    // A task's exception comes back through result() with its own type.
    Future<int> bad =
        ex.submit([]() -> int { throw ValueError("bad value"); });
    try {
      bad.result();
    } catch (const ValueError &E) {
      print("result() raised ValueError:", E.what());
    }
    // CHECK-NEXT: result() raised ValueError: bad value
    try {
      std::rethrow_exception(bad.exception());
    } catch (const ValueError &E) {
      print("exception():", E.what());
    }
    // CHECK-NEXT: exception(): bad value
    auto other = ex.submit([] { throw std::runtime_error("plain C++"); });
    try {
      other.result();
    } catch (const std::runtime_error &E) {
      print("runtime_error:", E.what());
    }
    // CHECK-NEXT: runtime_error: plain C++

    // Keyword arguments: a lambda. Worker names are Python's.
    auto who = ex.submit([] { return threading::current_thread().name(); });
    print("worker:", who.result().rfind("ThreadPoolExecutor-", 0) == 0);
    // CHECK-NEXT: worker: True

    // map: results in input order.
    std::vector<int> xs{5, 1, 4, 2, 3};
    for (int V : ex.map(square, xs))
      print("map", V);
    // CHECK-NEXT: map 25
    // CHECK-NEXT: map 1
    // CHECK-NEXT: map 16
    // CHECK-NEXT: map 4
    // CHECK-NEXT: map 9

    // map: the first exception is raised by map itself.
    try {
      ex.map([](int V) { return V == 2 ? throw ValueError("two") : V; },
             std::vector<int>{1, 2, 3});
    } catch (const ValueError &E) {
      print("map raised:", E.what());
    }
    // CHECK-NEXT: map raised: two

    // wait / as_completed: the gate queue decides which task finishes
    // first, so the output does not depend on timing.
    queue::Queue<int> gate;
    Future<int> slow = ex.submit([&gate] { return gate.get(); });
    Future<int> quick = ex.submit(square, 3);
    auto [done, not_done] =
        futures::wait(std::vector{slow, quick}, std::nullopt,
                      futures::FIRST_COMPLETED);
    print("FIRST_COMPLETED:", done.size(), not_done.size(),
          done[0] == quick, not_done[0] == slow);
    // CHECK-NEXT: FIRST_COMPLETED: 1 1 True True
    auto timed = futures::wait(std::vector{slow}, 0.05);
    print("timed wait:", timed.done.size(), timed.not_done.size());
    // CHECK-NEXT: timed wait: 0 1
    Future<int> boom =
        ex.submit([]() -> int { throw RuntimeError("boom"); });
    auto first_exc = futures::wait(std::vector{slow, boom}, std::nullopt,
                                   futures::FIRST_EXCEPTION);
    print("FIRST_EXCEPTION:", first_exc.done.size(), first_exc.done[0] == boom);
    // CHECK-NEXT: FIRST_EXCEPTION: 1 True

    // as_completed yields the done ones first, then each as it completes.
    std::vector<int> order;
    bool fed = false;
    for (Future<int> &g : futures::as_completed(std::vector{slow, quick})) {
      order.push_back(g.result());
      if (!fed) {
        gate.put(100); // only now can `slow` complete
        fed = true;
      }
    }
    print("as_completed:", order[0], order[1]);
    // CHECK-NEXT: as_completed: 9 100
    auto all = futures::wait(std::vector{slow, quick, boom});
    print("ALL_COMPLETED:", all.done.size(), all.not_done.size());
    // CHECK-NEXT: ALL_COMPLETED: 3 0

    // add_done_callback: at once if already done (here, on this thread);
    // else on the thread that completes the future.
    quick.add_done_callback(
        [](Future<int> &g) { print("callback now:", g.result()); });
    // CHECK-NEXT: callback now: 9
    queue::Queue<int> seen;
    Future<int> later = ex.submit([&gate] { return gate.get(); });
    later.add_done_callback([&seen](Future<int> &g) { seen.put(g.result()); });
    gate.put(8);
    print("callback later:", seen.get());
    // CHECK-NEXT: callback later: 8
    print("void task:", (ex.submit([] {}).result(), true));
    // CHECK-NEXT: void task: True
  } // shutdown(wait=True)
  print("after with");
  // CHECK-NEXT: after with

  ThreadPoolExecutor ex2(1, "pool");
  auto name = ex2.submit([] { return threading::current_thread().name(); });
  print("prefix:", name.result(), "max_workers:", ex2.max_workers());
  // CHECK-NEXT: prefix: pool_0 max_workers: 1
  ex2.shutdown();
  ex2.shutdown(); // again: nothing happens
  print("shut down twice");
  // CHECK-NEXT: shut down twice
}
