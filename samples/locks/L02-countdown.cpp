// Seed 001 §7.3 (同步锁), repeated in §7.6 (互斥锁实例) with sleep(0.5):
// 100 threads each do `temp=n; time.sleep(0.1); n=temp-1` under one Lock.
// Lesson: the lock turns the concurrent read-sleep-write into a serial one,
// so n ends at 0 ("结果肯定为0") at the price of speed (100 x 0.1 s).
// Bug: none; the unlocked variant is L02_race.
//
//   from threading import Thread, Lock
//   import os,time
#include <weft/weft.h>

#include <memory>
#include <vector>

using namespace weft;
using threading::Thread, threading::Lock;

// Globals of the Python module (assigned under `if __name__ == '__main__':`).
Lock lock;
int n;

void work() {
  // global n
  lock.acquire();
  int temp = n;
  time::sleep(0.1);
  n = temp - 1;
  lock.release();
}

int main() {
  // lock=Lock() is the global above
  n = 100;
  std::vector<std::unique_ptr<Thread>> l; // l=[]
  for (int i = 0; i < 100; ++i) {
    l.push_back(std::make_unique<Thread>(work)); // p=Thread(target=work)
    Thread &p = *l.back();                       // l.append(p)
    p.start();
  }
  for (auto &p : l)
    p->join();
  // 结果肯定为0, 由原来的并发执行变成串行, 牺牲了执行效率保证了数据安全
  print(n);
}
