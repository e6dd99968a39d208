// Misuse of the API raises Python's exceptions with Python's words.
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
  Thread T([] {});
  expect("join before start", [&] { T.join(); });
  // CHECK: join before start -> RuntimeError: cannot join thread before it is started
  T.start();
  expect("start twice", [&] { T.start(); });
  // CHECK-NEXT: start twice -> RuntimeError: threads can only be started once
  expect("set daemon", [&] { T.set_daemon(true); });
  // CHECK-NEXT: set daemon -> RuntimeError: cannot set daemon status of active thread
  T.join();
  expect("join self", [] { current_thread().join(); });
  // CHECK-NEXT: join self -> RuntimeError: cannot join current thread

  Lock L;
  expect("release unlocked", [&] { L.release(); });
  // CHECK-NEXT: release unlocked -> RuntimeError: release unlocked lock
  RLock R;
  expect("rlock release unowned", [&] { R.release(); });
  // CHECK-NEXT: rlock release unowned -> RuntimeError: cannot release un-acquired lock
  R.acquire();
  Thread Other([&] {
    expect("rlock release by non-owner", [&] { R.release(); });
  });
  Other.start();
  Other.join();
  // CHECK-NEXT: rlock release by non-owner -> RuntimeError: cannot release un-acquired lock
  R.release();

  expect("timeout non-blocking", [&] { L.acquire(false, 1); });
  // CHECK-NEXT: timeout non-blocking -> ValueError: can't specify a timeout for a non-blocking call
  expect("negative timeout", [&] { L.acquire(true, -2); });
  // CHECK-NEXT: negative timeout -> ValueError: timeout value must be a non-negative number
  expect("negative sleep", [] { time::sleep(-1); });
  // CHECK-NEXT: negative sleep -> ValueError: sleep length must be non-negative
  print("locked:", L.locked(), R.locked());
  // CHECK-NEXT: locked: False False
}
