// Seed 001 §7 (同步锁, the text around §7.3): the program of L02 without the
// lock — what the lesson warns about before adding lock.acquire/release.
// Lesson: 100 threads all read n=100, sleep, then write 99: the updates are
// lost and n ends near 99 instead of 0.
// Bug: data race on `n` (lost updates, deliberate).
//
//   from threading import Thread
//   import os,time
#include <weft/weft.h>

#include <memory>
#include <vector>

using namespace weft;
using threading::Thread;

int n;

void work() {
  // global n
  int temp = n;
  time::sleep(0.1);
  n = temp - 1;
}

int main() {
  n = 100;
  std::vector<std::unique_ptr<Thread>> l; // l=[]
  for (int i = 0; i < 100; ++i) {
    l.push_back(std::make_unique<Thread>(work)); // p=Thread(target=work)
    Thread &p = *l.back();                       // l.append(p)
    p.start();
  }
  for (auto &p : l)
    p->join();
  print(n); // not 0: the threads overwrite each other's n=temp-1
}
