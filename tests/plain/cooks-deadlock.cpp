// The two cooks with std::mutex and std::lock_guard, no weft API: each
// takes its first mutex, both meet (an atomic handshake, which orders
// nothing for weft), then each waits for the other's. Built with
// `weft c++ --plain`, the deadlock is reported at once (exit 66) instead
// of a hang, at the program's own lines, with the mutexes' names.
// RUN: %weft c++ --plain %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: cooks-deadlock.cpp:{{32|39}}:31: error: deadlock: 2 threads wait for each other forever: thread 'Thread-{{[12]}}' and thread 'Thread-{{[12]}}' [deadlock]
// CHECK-DAG: cooks-deadlock.cpp:32:31: note: thread 'Thread-1' waits for Lock 'board' here
// CHECK-DAG: cooks-deadlock.cpp:37:31: note: Lock 'board' is held by thread 'Thread-2', acquired here
// CHECK-DAG: cooks-deadlock.cpp:39:31: note: thread 'Thread-2' waits for Lock 'knife' here
// CHECK-DAG: cooks-deadlock.cpp:30:31: note: Lock 'knife' is held by thread 'Thread-1', acquired here
// CHECK: 1 error generated.

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex knife, board;
std::atomic<int> ready{0};

void meet() {
  ready.fetch_add(1);
  while (ready.load() < 2)
    std::this_thread::yield();
}

void chef1() {
  std::lock_guard<std::mutex> k(knife);
  meet();
  std::lock_guard<std::mutex> b(board);
  std::puts("chef 1 cooks");
}

void chef2() {
  std::lock_guard<std::mutex> b(board);
  meet();
  std::lock_guard<std::mutex> k(knife);
  std::puts("chef 2 cooks");
}

int main() {
  std::thread t1(chef1);
  std::thread t2(chef2);
  t1.join();
  t2.join();
}
