// Many threads take the same two locks in the same order: clean. Nothing on
// stderr, exit 0, and the default trace is deleted.
// RUN: %weft c++ %s -o %t
// RUN: rm -rf %t.tmp && mkdir %t.tmp
// RUN: env TMPDIR=%t.tmp %t 2>%t.err | FileCheck %s
// RUN: count 0 < %t.err
// RUN: ls %t.tmp | count 0

#include <weft/weft.h>

#include <memory>
#include <vector>

using namespace weft::threading;

Lock First, Second;
int Counter = 0;

int main() {
  std::vector<std::unique_ptr<Thread>> Threads;
  for (int I = 0; I < 8; ++I)
    Threads.push_back(std::make_unique<Thread>([] {
      for (int J = 0; J < 1000; ++J) {
        Guard<Lock> G1(First);
        Guard<Lock> G2(Second);
        ++Counter;
      }
    }));
  for (auto &T : Threads)
    T->start();
  for (auto &T : Threads)
    T->join();
  weft::print("counter:", Counter);
}

// CHECK: counter: 8000
