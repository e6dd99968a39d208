// Reads the shared value under the lock, writes it back after unlocking.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex m;
int seats = 10;

void book() {
  m.lock();
  // CHECK: unlock-too-early.cpp:[[#@LINE+1]]:14: warning: data race on 'seats': read here by thread 'book' (holding 'm') and written at line [[#@LINE+4]] by thread 'book' (no lock held) [data-race]
  int left = seats;
  m.unlock();
  if (left > 0)
    seats = left - 1;
}

int main() {
  std::thread a(book), b(book), c(book);
  a.join();
  b.join();
  c.join();
  std::printf("%d\n", seats);
}
