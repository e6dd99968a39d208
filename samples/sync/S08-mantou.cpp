// Seed 002 二.11 (生产者和消费者模式): the producer makes a steamed bun
// (大馒头) every second when the basket holds fewer than 5, the consumer
// takes one every second.
// Lesson: a Queue is the buffer between producer and consumer; it has the
// locks it needs, so threads can share it safely.
// Bugs (kept): the producer checks `queue.qsize()<5` and then puts: a
// check-then-act (harmless with a single producer and an unbounded queue,
// wrong with two producers and a real limit); both loops are infinite
// (`while True`), bounded here: the producer stops after bun 10, the
// consumer after taking 10 buns.
//
//   from queue import Queue
//   from threading import Thread
//   from time import sleep
#include <weft/weft.h>

#include <string>

// No `using namespace weft;` here: the seed names its queue `queue`, which
// would then clash with the namespace weft::queue.
using weft::print;
using weft::queue::Queue;      // from queue import Queue
using weft::threading::Thread; // from threading import Thread
// from time import sleep: weft::time::sleep, spelled out (a bare sleep()
// could also mean POSIX sleep(unsigned))

Queue<std::string> queue; // queue = Queue() (a module global)

void producer() {
  int num = 1;
  // while True: -- bounded: stops after bun 10
  while (num <= 10) {
    if (queue.qsize() < 5) { // check ...
      print("生产" + std::to_string(num) + "号，大馒头");
      queue.put("大馒头：" + std::to_string(num) + "号"); // ... then act
      num += 1;
    } else {
      print("馒头框满了，等待来人消费啊！");
    }
    weft::time::sleep(1);
  }
}

void consumer() {
  // while True: -- bounded: the 10 buns the producer makes
  for (int i = 0; i < 10; ++i) {
    print("获取馒头：" + queue.get());
    weft::time::sleep(1);
  }
}

int main() {
  Thread t1(producer);
  Thread t2(consumer);
  t1.start();
  t2.start();
}
