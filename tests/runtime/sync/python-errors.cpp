// Misuse of Condition, Semaphore, BoundedSemaphore, Event and Barrier raises
// Python's exceptions with Python's words (catalog: "Python's behaviour to
// mirror").
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

using namespace weft;
using namespace weft::threading;

template <class F> void expect(const char *What, F Fn) {
  try {
    Fn();
    print(What, "-> no exception");
  } catch (const weft::Error &E) {
    print(What, "->", std::string(E.pythonName()) + ":", E.what());
  }
}

int main() {
  Condition C;
  expect("wait without the lock", [&] { C.wait(); });
  // CHECK: wait without the lock -> RuntimeError: cannot wait on un-acquired lock
  expect("wait_for without the lock", [&] { C.wait_for([] { return false; }, 1); });
  // CHECK-NEXT: wait_for without the lock -> RuntimeError: cannot wait on un-acquired lock
  expect("notify without the lock", [&] { C.notify(); });
  // CHECK-NEXT: notify without the lock -> RuntimeError: cannot notify on un-acquired lock
  expect("notify_all without the lock", [&] { C.notify_all(); });
  // CHECK-NEXT: notify_all without the lock -> RuntimeError: cannot notify on un-acquired lock
  C.acquire();
  Thread Other([&] {
    expect("notify while another thread holds it", [&] { C.notify(); });
  });
  Other.start();
  Other.join();
  // CHECK-NEXT: notify while another thread holds it -> RuntimeError: cannot notify on un-acquired lock
  C.release();
  expect("release the condition's lock twice", [&] { C.release(); });
  // CHECK-NEXT: release the condition's lock twice -> RuntimeError: cannot release un-acquired lock

  Lock L;
  Condition CL(L);
  expect("wait on Condition(Lock) unlocked", [&] { CL.wait(0.1); });
  // CHECK-NEXT: wait on Condition(Lock) unlocked -> RuntimeError: cannot wait on un-acquired lock

  expect("Semaphore(-1)", [] { Semaphore S(-1); });
  // CHECK-NEXT: Semaphore(-1) -> ValueError: semaphore initial value must be >= 0
  expect("BoundedSemaphore(-1)", [] { BoundedSemaphore S(-1); });
  // CHECK-NEXT: BoundedSemaphore(-1) -> ValueError: semaphore initial value must be >= 0
  Semaphore S(1);
  expect("non-blocking with a timeout", [&] { S.acquire(false, 1.0); });
  // CHECK-NEXT: non-blocking with a timeout -> ValueError: can't specify timeout for non-blocking acquire
  expect("release(0)", [&] { S.release(0); });
  // CHECK-NEXT: release(0) -> ValueError: n must be one or more
  expect("Semaphore released past its value", [&] { S.release(); });
  // CHECK-NEXT: Semaphore released past its value -> no exception
  BoundedSemaphore B(2);
  B.acquire();
  expect("BoundedSemaphore back to its value", [&] { B.release(); });
  // CHECK-NEXT: BoundedSemaphore back to its value -> no exception
  expect("BoundedSemaphore released too many times", [&] { B.release(); });
  // CHECK-NEXT: BoundedSemaphore released too many times -> ValueError: Semaphore released too many times
  B.acquire();
  expect("BoundedSemaphore release(2) past its value", [&] { B.release(2); });
  // CHECK-NEXT: BoundedSemaphore release(2) past its value -> ValueError: Semaphore released too many times

  expect("Barrier(0)", [] { Barrier Br(0); });
  // CHECK-NEXT: Barrier(0) -> ValueError: parties must be >= 1
  Barrier Br(2);
  Br.abort();
  expect("wait on a broken Barrier", [&] { Br.wait(); });
  // CHECK-NEXT: wait on a broken Barrier -> threading.BrokenBarrierError:
}
