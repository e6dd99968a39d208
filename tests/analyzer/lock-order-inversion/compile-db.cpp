// -p: commands from compile_commands.json; the two files of the database
// together form the cycle.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "arguments": ["clang++", "-std=c++17", "-c", "%s"]}, {"directory": "%t", "file": "%S/Inputs/cross-tu-b.cpp", "arguments": ["clang++", "-std=c++17", "-c", "%S/Inputs/cross-tu-b.cpp"]}]' > %t/compile_commands.json
// RUN: %expect-exit 1 %weft analyze -p %t %s %S/Inputs/cross-tu-b.cpp --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

extern std::mutex first, second;
std::mutex first, second;

void forward() {
  first.lock();
  second.lock();
  // CHECK: Inputs/cross-tu-b.cpp:9:3: warning: lock-order inversion (potential deadlock): 'second' and 'first' are acquired in opposite orders [lock-order-inversion]
  // CHECK: compile-db.cpp:[[#@LINE-2]]:3: note: 'second' acquired here while holding 'first'
  second.unlock();
  first.unlock();
}
