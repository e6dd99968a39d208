// A file that does not parse is an error for that file only; the other
// file of the command is still analyzed (exit 2: input error).
// RUN: %expect-exit 2 %weft analyze %s %S/Inputs/ok-with-finding.cpp --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex m;

void f() {
  m.lock()
  m.unlock();
}
// CHECK-DAG: broken-file.cpp:[[#@LINE-3]]:11: error: expected ';' after expression
// CHECK-DAG: ok-with-finding.cpp:8:3: error: 'm' acquired here while already held by this thread (self-deadlock) [double-acquire]
