// multiprocessing.Queue between processes: FIFO order, values of a user
// type, maxsize with put(block=False) -> queue.Full and a timed get on an
// empty queue -> queue.Empty, qsize/empty/full, close then put ->
// ValueError, join_thread before close -> AssertionError; the send -> recv
// of each item is in the trace with its message id.
// RUN: %weft c++ %s -o %t
// RUN: %weft run --trace %t.wtrace %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show --no-times %t.wtrace | FileCheck %s --check-prefix=SHOW
// SHOW: Process-1{{ +}}message-send{{ +}}message [[M:[0-9]+]]{{ +}}queue-basics.cpp:30
// SHOW: MainThread{{ +}}message-recv{{ +}}message [[M]]{{ +}}queue-basics.cpp:

#include <weft/weft.h>

#include "Inputs/expect.h"

#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;

struct Job {
  int id = 0;
  std::string what;
  template <class A> void serialize(A &ar) { ar(id, what); }
};

void child(mp::Queue<Job> q) {
  for (int i = 1; i <= 3; ++i)
    q.put(Job{i, "job" + std::to_string(i)});
}

int main() {
  mp::Queue<Job> q;
  mp::Process p(child, q);
  p.start();
  for (int i = 0; i < 3; ++i) {
    Job j = q.get();
    print("got", j.id, j.what);
  }
  p.join();
  print("empty", q.empty(), "qsize", q.qsize());
  expect("timed get on an empty queue", [&] { q.get(true, 0.05); });
  expect("get_nowait", [&] { q.get_nowait(); });

  mp::Queue<int> small(2);
  small.put(1);
  small.put(2);
  print("full", small.full(), "qsize", small.qsize());
  expect("put_nowait on a full queue", [&] { small.put_nowait(3); });
  expect("timed put on a full queue", [&] { small.put(3, true, 0.05); });
  print("get", small.get(), small.get(), "empty", small.empty());
  expect("join_thread before close", [&] { small.join_thread(); });
  small.close();
  expect("put after close", [&] { small.put(4); });
  small.join_thread();
  print("done");
}

// CHECK: got 1 job1
// CHECK-NEXT: got 2 job2
// CHECK-NEXT: got 3 job3
// CHECK-NEXT: empty True qsize 0
// CHECK-NEXT: timed get on an empty queue -> queue.Empty
// CHECK-NEXT: get_nowait -> queue.Empty
// CHECK-NEXT: full True qsize 2
// CHECK-NEXT: put_nowait on a full queue -> queue.Full
// CHECK-NEXT: timed put on a full queue -> queue.Full
// CHECK-NEXT: get 1 2 empty True
// CHECK-NEXT: join_thread before close -> AssertionError Queue <multiprocessing.queues.Queue object at 0x{{[0-9a-f]+}}> not closed
// CHECK-NEXT: put after close -> ValueError Queue <multiprocessing.queues.Queue object at 0x{{[0-9a-f]+}}> is closed
// CHECK-NEXT: done
