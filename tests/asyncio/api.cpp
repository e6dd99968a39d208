// asyncio's behaviour and messages, one program, clean (nothing found,
// online and offline): Queue hand-off between a producer and a consumer
// (put before get in the trace), Event, Lock waiters in FIFO order,
// wait_for's TimeoutError (the inner task is cancelled), Task.cancel and
// CancelledError, results of gather in order, asyncio.run inside a running
// loop and Lock.release of an unlocked lock (Python's RuntimeErrors), and
// task names; the tasks still pending when asyncio.run ends are
// cancelled, and run raises the main task's exception. Virtual time under --schedule; also run natively.
// RUN: %weft c++ %s -o %t
// RUN: %weft run --schedule=random:7 --trace %t.wtrace %t > %t.out 2>&1
// RUN: FileCheck %s --match-full-lines --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace check %t.wtrace 2>&1 | count 0
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %t 2>&1 | FileCheck %s --match-full-lines --check-prefix=NATIVE --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:

#include <weft/asyncio.h>
#include <weft/weft.h>

#include <string>

using namespace weft;

asyncio::Coroutine<> producer(asyncio::Queue<int> &q) {
  for (int i = 0; i < 3; ++i) {
    co_await asyncio::sleep(0.1);
    co_await q.put(i);
  }
}

asyncio::Coroutine<int> consumer(asyncio::Queue<int> &q) {
  int sum = 0;
  for (int i = 0; i < 3; ++i) {
    int v = co_await q.get();
    print("got", v);
    sum += v;
    q.task_done();
  }
  co_return sum;
}

asyncio::Coroutine<> waiter(asyncio::Event &ev, std::string name) {
  co_await ev.wait();
  print(name, "saw the event");
}

asyncio::Coroutine<> locker(asyncio::Lock &lock, int n) {
  auto held = co_await lock.hold();
  print("locker", n, "has the lock");
  co_await asyncio::sleep(0.1);
}

asyncio::Coroutine<int> slow() {
  try {
    co_await asyncio::sleep(10);
  } catch (const asyncio::CancelledError &) {
    print("slow was cancelled");
    throw;
  }
  co_return 1;
}

asyncio::Coroutine<int> inner() { co_return 7; }

asyncio::Coroutine<> amain() {
  asyncio::Queue<int> q;
  auto [none, sum] = co_await asyncio::gather(producer(q), consumer(q));
  (void)none;
  print("sum", sum, "qsize", q.qsize());
  co_await q.join();

  asyncio::Event ev;
  auto w1 = asyncio::create_task(waiter(ev, "w1"));
  auto w2 = asyncio::create_task(waiter(ev, "w2"));
  co_await asyncio::sleep(0);
  print("set:", ev.is_set());
  ev.set();
  co_await w1;
  co_await w2;

  asyncio::Lock lock;
  print(co_await asyncio::gather(locker(lock, 1), locker(lock, 2),
                                 locker(lock, 3)));
  try {
    lock.release();
  } catch (const RuntimeError &e) {
    print("RuntimeError:", e.what());
  }

  try {
    co_await asyncio::wait_for(slow(), 0.5);
  } catch (const TimeoutError &) {
    print("TimeoutError");
  }
  auto t = asyncio::create_task(slow());
  co_await asyncio::sleep(0);
  print("cancel:", t.cancel(), t.get_name());
  try {
    co_await t;
  } catch (const asyncio::CancelledError &) {
    print("CancelledError; cancelled:", t.cancelled());
  }
  try {
    asyncio::run(inner());
  } catch (const RuntimeError &e) {
    print("RuntimeError:", e.what());
  }
  print("inner:", co_await asyncio::wait_for(inner(), 1));
  print("thread:", threading::current_thread().name());
  print("time", time::monotonic() >= 1.1);
}

asyncio::Coroutine<> forever() {
  try {
    co_await asyncio::sleep(100);
  } catch (const asyncio::CancelledError &) {
    print("forever cancelled at the end of run");
    throw;
  }
}

asyncio::Coroutine<int> failing() {
  asyncio::create_task(forever());
  co_await asyncio::sleep(0);
  throw ValueError("main failed");
  co_return 1;
}

int main() {
  asyncio::run(amain());
  try {
    asyncio::run(failing());
  } catch (const ValueError &e) {
    print("run raised", e.what());
  }
}

// CHECK: got 0
// CHECK-NEXT: got 1
// CHECK-NEXT: got 2
// CHECK-NEXT: sum 3 qsize 0
// CHECK-NEXT: set: False
// CHECK-NEXT: w1 saw the event
// CHECK-NEXT: w2 saw the event
// CHECK-NEXT: locker 1 has the lock
// CHECK-NEXT: locker 2 has the lock
// CHECK-NEXT: locker 3 has the lock
// CHECK-NEXT: (None, None, None)
// CHECK-NEXT: RuntimeError: Lock is not acquired.
// CHECK-NEXT: slow was cancelled
// CHECK-NEXT: TimeoutError
// CHECK-NEXT: cancel: True Task-10
// CHECK-NEXT: slow was cancelled
// CHECK-NEXT: CancelledError; cancelled: True
// CHECK-NEXT: RuntimeError: asyncio.run() cannot be called from a running event loop
// CHECK-NEXT: inner: 7
// CHECK-NEXT: thread: MainThread
// CHECK-NEXT: time True
// CHECK-NEXT: forever cancelled at the end of run
// CHECK-NEXT: run raised main failed
// CHECK-NEXT: weft: trace: {{.*}}
// TRACE: Task-2 queue-put
// TRACE: Task-3 queue-got
// TRACE: Task-4 wait-block
// TRACE: Task-1 event-set
// TRACE-NEXT: Task-4 wait-wake
// TRACE-NEXT: Task-5 wait-wake
// NATIVE: got 0
// NATIVE: time True
