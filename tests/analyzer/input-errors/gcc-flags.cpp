// A compile_commands.json written for g++: its g++-only flags are dropped,
// its -D and -I are kept.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "arguments": ["g++", "-std=c++20", "-fconcepts-diagnostics-depth=2", "-DWEFT_TEST_FLAG=1", "-c", "%s", "-o", "x.o"]}]' > %t/compile_commands.json
// RUN: %expect-exit 1 %weft analyze -p %t %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

#ifndef WEFT_TEST_FLAG
#error "the compile command's -D was lost"
#endif

std::mutex m;

void f() {
  m.lock();
  m.lock();
  // CHECK: gcc-flags.cpp:[[@LINE-1]]:3: error: 'm' acquired here while already held by this thread (self-deadlock) [double-acquire]
  m.unlock();
}
