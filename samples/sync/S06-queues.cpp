// Seed 001 §11.1-11.4 (线程\进程队列queue: get与put, 其他方法, 三种模式) and
// seed 004 (队列: Queue, LifoQueue, PriorityQueue with maxsize=5): the three
// kinds of queue and the methods the notes list.
// Lesson: Queue is first in, first out; LifoQueue last in, first out (like a
// stack); PriorityQueue gives the smallest entry first. qsize / empty / full
// describe the queue; get(False) / get_nowait() raise queue.Empty on an empty
// queue, put(item, False) / put_nowait() raise queue.Full on a full one, and
// a get or put with a timeout raises them when the time is up.
// Bug: none (clean).
//
// Seed 004's three programs come first, unchanged. Seed 001 §11.4 puts 34,
// 56, 12 into a LifoQueue and shows no get: three gets are added to show the
// order. Seed 001 §11.3 only lists the other methods (q.qsize(), q.empty(),
// q.full(), get with a timeout, get_nowait(), put_nowait()); the last part
// calls each of them once.
//
//   import queue
//   from queue import Queue, LifoQueue, PriorityQueue
#include <weft/weft.h>

#include <string>
#include <utility>

using namespace weft;
using queue::Queue, queue::LifoQueue, queue::PriorityQueue;

int main() {
  // -- seed 004: 先进先出队列 Queue(maxsize=5)
  {
    Queue<int> q(5); // q=Queue(maxsize=5)
    for (int i = 0; i < 5; ++i)
      q.put(i);
    print(q.get());
    // 0
  }
  // -- seed 004: 后进优先队列 LifoQueue(maxsize=5)
  {
    LifoQueue<int> q(5); // q=LifoQueue(maxsize=5)
    for (int i = 0; i < 5; ++i)
      q.put(i);
    print(q.get());
    // 4
  }
  // -- seed 004: 优先级队列 PriorityQueue(maxsize=5)
  {
    PriorityQueue<std::pair<int, std::string>> q(5); // q = PriorityQueue(maxsize=5)
    q.put({3, "普通用户"});
    q.put({2, "VIP"});
    q.put({1, "SVIP"});
    auto [n, s] = q.get();
    print("(" + std::to_string(n) + ", '" + s + "')"); // print(q.get())
    // (1, 'SVIP')
  }
  // -- seed 001 §11.4: #先进后出
  {
    LifoQueue<int> q; // q=queue.LifoQueue()
    q.put(34);
    q.put(56);
    q.put(12);
    // added: three gets (C++ does not order the arguments of one call, so
    // one get per statement): 12 56 34
    int a = q.get();
    int b = q.get();
    int c = q.get();
    print(a, b, c);
  }
  // -- seed 001 §11.3: 其他方法
  {
    Queue<int> q(2); // q = queue.Queue(2)
    print(q.qsize(), q.empty(), q.full()); // 0 True False
    q.put(1);
    q.put_nowait(2); // q.put(item, False)
    print(q.qsize(), q.empty(), q.full()); // 2 False True
    try {
      q.put_nowait(3); // full: queue.Full
    } catch (const queue::Full &) {
      print("queue.Full");
    }
    try {
      q.put(3, true, 0.5); // q.put(3, timeout=0.5): full for 0.5 s
    } catch (const queue::Full &) {
      print("queue.Full after 0.5 s");
    }
    int first = q.get();
    int second = q.get_nowait();
    print(first, second); // 1 2
    try {
      q.get_nowait(); // q.get(False) on an empty queue: queue.Empty
    } catch (const queue::Empty &) {
      print("queue.Empty");
    }
    try {
      q.get(true, 0.5); // q.get(timeout=0.5)
    } catch (const queue::Empty &) {
      print("queue.Empty after 0.5 s");
    }
  }
}
