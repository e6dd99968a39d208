// The fixed twin of cooks-deadlock.cpp: the second cook takes both mutexes
// at once with std::scoped_lock (std::lock's try-and-back-off), the first
// in the same order with std::lock_guard; they meet while each holds
// nothing. No deadlock and no lock-order inversion: std::lock never waits
// for one mutex while holding another.
// RUN: %weft c++ --plain %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// CHECK-DAG: chef 1 cooks
// CHECK-DAG: chef 2 cooks

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
  meet();
  std::lock_guard<std::mutex> k(knife);
  std::lock_guard<std::mutex> b(board);
  std::puts("chef 1 cooks");
}

void chef2() {
  meet();
  std::scoped_lock both(board, knife);
  std::puts("chef 2 cooks");
}

int main() {
  std::thread t1(chef1);
  std::thread t2(chef2);
  t1.join();
  t2.join();
}
