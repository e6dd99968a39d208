// Producer/consumer with a weft Condition, waits in a while loop.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>
#include <deque>
#include <iostream>
using namespace weft::threading;

Condition cond;
std::deque<int> items;
bool done = false;

void producer() {
  for (int i = 0; i < 10; i++) {
    Guard g(cond);
    items.push_back(i);
    cond.notify();
  }
  Guard g(cond);
  done = true;
  cond.notify_all();
}

void consumer() {
  int got = 0;
  while (true) {
    Guard g(cond);
    while (items.empty() && !done)
      cond.wait();
    if (items.empty() && done)
      break;
    items.pop_front();
    got++;
  }
  std::cout << "consumed " << got << "\n";
}

int main() {
  Thread p(producer), c(consumer);
  c.start();
  p.start();
  p.join();
  c.join();
}
