// Python's errors: result(timeout) expiring raises TimeoutError (the wait
// is timed: no deadlock although the worker is blocked), a cancelled
// future's result raises CancelledError, submit after shutdown raises
// RuntimeError("cannot schedule new futures after shutdown"), as_completed
// past its timeout raises TimeoutError("N (of M) futures unfinished"),
// max_workers <= 0 raises ValueError. shutdown(cancel_futures=True) cancels
// what has not started. No finding.
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

#include <string>
#include <vector>

using namespace weft;
using futures::Future;
using futures::ThreadPoolExecutor;

template <class F> void expect(const char *What, F Fn) {
  try {
    Fn();
    print(What, "-> no exception");
  } catch (const weft::Error &E) {
    print(What, "->", std::string(E.pythonName()) + ":", E.what());
  }
}

int main() {
  expect("max_workers=0", [] { ThreadPoolExecutor ex(0); });
  // CHECK: max_workers=0 -> ValueError: max_workers must be greater than 0

  ThreadPoolExecutor ex(1);
  queue::Queue<int> gate;
  // The only worker waits on the gate, so `pending` cannot start.
  Future<int> busy = ex.submit([&gate] { return gate.get(); });
  Future<int> pending = ex.submit([] { return 2; });
  expect("result(timeout)", [&] { busy.result(0.05); });
  // CHECK-NEXT: result(timeout) -> TimeoutError:
  expect("exception(timeout)", [&] { busy.exception(0.0); });
  // CHECK-NEXT: exception(timeout) -> TimeoutError:
  expect("as_completed timeout", [&] {
    for (Future<int> &F : futures::as_completed(std::vector{busy, pending}, 0.05))
      print("not reached", F.done());
  });
  // CHECK-NEXT: as_completed timeout -> TimeoutError: 2 (of 2) futures unfinished
  print("cancel pending:", pending.cancel(), pending.cancelled(), pending.done());
  // CHECK-NEXT: cancel pending: True True True
  print("cancel again:", pending.cancel());
  // CHECK-NEXT: cancel again: True
  expect("result of cancelled", [&] { pending.result(); });
  // CHECK-NEXT: result of cancelled -> concurrent.futures.CancelledError:
  expect("exception of cancelled", [&] { pending.exception(); });
  // CHECK-NEXT: exception of cancelled -> concurrent.futures.CancelledError:
  print("cancel running:", busy.cancel(), busy.running());
  // CHECK-NEXT: cancel running: False True

  Future<int> queued = ex.submit([] { return 3; });
  bool CallbackRan = false;
  queued.add_done_callback([&](Future<int> &F) { CallbackRan = F.cancelled(); });
  ex.shutdown(false, true); // cancel_futures=True: `queued` never runs
  print("queued cancelled:", queued.cancelled(), "callback:", CallbackRan);
  // CHECK-NEXT: queued cancelled: True callback: True
  expect("submit after shutdown", [&] { ex.submit([] { return 4; }); });
  // CHECK-NEXT: submit after shutdown -> RuntimeError: cannot schedule new futures after shutdown
  gate.put(1); // the running task still completes
  print("busy:", busy.result());
  // CHECK-NEXT: busy: 1

  // A callback's exception is printed, not raised (Python logs it).
  ThreadPoolExecutor ex2(1);
  Future<int> f = ex2.submit([] { return 5; });
  f.result();
  f.add_done_callback([](Future<int> &) { throw ValueError("in callback"); });
  print("after callback");
  // CHECK-NEXT: exception calling callback for Future:
  // CHECK-NEXT: ValueError: in callback
  // CHECK-NEXT: after callback
}
