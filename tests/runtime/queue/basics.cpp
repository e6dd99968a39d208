// queue.Queue / LifoQueue / PriorityQueue with Python's semantics: order,
// qsize / empty / full, maxsize, the nowait forms, timeouts, queue.Empty /
// queue.Full and ValueError with Python's words. One thread, no finding.
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

#include <functional>
#include <string>
#include <tuple>
#include <utility>

using namespace weft;

template <class F> void expect(const char *What, F Fn) {
  try {
    Fn();
    print(What, "-> no exception");
  } catch (const weft::Error &E) {
    print(What, "->", std::string(E.pythonName()) + ":", E.what());
  }
}

int main() {
  queue::Queue<int> Fifo;
  queue::LifoQueue<int> Lifo;
  queue::PriorityQueue<int> Prio;
  for (int V : {3, 1, 2}) {
    Fifo.put(V);
    Lifo.put(V);
    Prio.put(V);
  }
  print("fifo:", Fifo.get(), Fifo.get(), Fifo.get());
  // CHECK: fifo: 3 1 2
  print("lifo:", Lifo.get(), Lifo.get(), Lifo.get());
  // CHECK-NEXT: lifo: 2 1 3
  print("priority:", Prio.get(), Prio.get(), Prio.get());
  // CHECK-NEXT: priority: 1 2 3

  // Python's (priority, data) tuples; a comparator for largest first.
  queue::PriorityQueue<std::pair<int, std::string>> Jobs;
  Jobs.put({2, "code"});
  Jobs.put({1, "eat"});
  Jobs.put({3, "sleep"});
  while (!Jobs.empty()) {
    auto [P, What] = Jobs.get();
    print("job", P, What);
  }
  // CHECK-NEXT: job 1 eat
  // CHECK-NEXT: job 2 code
  // CHECK-NEXT: job 3 sleep
  queue::PriorityQueue<int, std::greater<int>> Max(0, std::greater<int>());
  Max.put(1);
  Max.put(5);
  Max.put(3);
  print("largest first:", Max.get(), Max.get(), Max.get());
  // CHECK-NEXT: largest first: 5 3 1

  queue::Queue<std::string> Q(2);
  print("maxsize:", Q.maxsize(), "empty:", Q.empty(), "full:", Q.full());
  // CHECK-NEXT: maxsize: 2 empty: True full: False
  Q.put("a");
  Q.put_nowait("b");
  print("qsize:", Q.qsize(), "empty:", Q.empty(), "full:", Q.full());
  // CHECK-NEXT: qsize: 2 empty: False full: True
  expect("put_nowait on full", [&] { Q.put_nowait("c"); });
  // CHECK-NEXT: put_nowait on full -> queue.Full:
  expect("put(block=False) on full", [&] { Q.put("c", false); });
  // CHECK-NEXT: put(block=False) on full -> queue.Full:
  double Start = time::monotonic();
  expect("timed put on full", [&] { Q.put("c", true, 0.05); });
  print("waited:", time::monotonic() - Start >= 0.04);
  // CHECK-NEXT: timed put on full -> queue.Full:
  // CHECK-NEXT: waited: True
  expect("negative timeout", [&] { Q.put("c", true, -1.0); });
  // CHECK-NEXT: negative timeout -> ValueError: 'timeout' must be a non-negative number
  print("get:", Q.get(), Q.get_nowait(), Q.qsize());
  // CHECK-NEXT: get: a b 0
  expect("get_nowait on empty", [&] { Q.get_nowait(); });
  // CHECK-NEXT: get_nowait on empty -> queue.Empty:
  expect("get(block=False) on empty", [&] { Q.get(false); });
  // CHECK-NEXT: get(block=False) on empty -> queue.Empty:
  Start = time::monotonic();
  // The only thread waits with a timeout: it times out, not a deadlock.
  expect("timed get on empty", [&] { Q.get(true, 0.05); });
  print("waited:", time::monotonic() - Start >= 0.04);
  // CHECK-NEXT: timed get on empty -> queue.Empty:
  // CHECK-NEXT: waited: True
  expect("get(timeout=0) on empty", [&] { Q.get(true, 0.0); });
  // CHECK-NEXT: get(timeout=0) on empty -> queue.Empty:
  expect("negative get timeout", [&] { Q.get(true, -0.5); });
  // CHECK-NEXT: negative get timeout -> ValueError: 'timeout' must be a non-negative number
  // A non-blocking call ignores the timeout, as in Python.
  expect("get(False, -1)", [&] { Q.get(false, -1.0); });
  // CHECK-NEXT: get(False, -1) -> queue.Empty:

  // maxsize <= 0: unbounded.
  queue::Queue<int> Unbounded(-3);
  for (int I = 0; I < 1000; ++I)
    Unbounded.put_nowait(I);
  print("unbounded:", Unbounded.qsize(), Unbounded.full(), Unbounded.maxsize());
  // CHECK-NEXT: unbounded: 1000 False 0

  // task_done / join on one thread: join returns once every item is done.
  queue::Queue<int> Work("work");
  Work.join();
  Work.put(1);
  Work.put(2);
  Work.get();
  Work.task_done();
  Work.get();
  Work.task_done();
  Work.join();
  print("joined");
  // CHECK-NEXT: joined

  // Move-only items.
  queue::Queue<std::unique_ptr<int>> Boxes;
  Boxes.put(std::make_unique<int>(42));
  print("box:", *Boxes.get());
  // CHECK-NEXT: box: 42
}
