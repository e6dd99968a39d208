// Seed 001 §12 (生产者消费者模型): a producer thread puts baozi into a Queue,
// a consumer thread eats them, each sleeping a random 0-2 / 0-3 seconds.
// Lesson: the queue is the buffer between producer and consumer: neither
// waits for the other, the queue balances their speeds.
// Bugs (kept):
// - The producer never increments `count`: `while count <10` never ends, it
//   produces baozi number 0 forever. (Bounded here, see Producer.)
// - The consumer checks `if not q.empty():` and then calls q.get(): a
//   check-then-act; harmless with one consumer (nobody else takes the item
//   in between), wrong as soon as the commented-out c2 and c3 run too.
//
//   import time, random      (random: weft::random, see randrange below)
//   import queue, threading
//
#include <weft/weft.h>

#include <string>

using namespace weft;

queue::Queue<int> q; // q = queue.Queue()

// random.randrange(n): weft::random is Python's one shared generator,
// safe to share between threads and, under the controlled scheduler,
// seeded by the schedule (so a replay draws the same numbers).
int randrange(int n) {
  return static_cast<int>(random::randrange(n));
}

void Producer(std::string name) {
  int count = 0;
  // weft: the seed's loop is infinite (count stays 0, so `count <10` is
  // always true). A hard cap of 12 rounds ends it so the program ends; the
  // loop's own bound still never triggers.
  int rounds = 0;
  while (count < 10) {
    if (++rounds > 12) // not in the seed: the cap
      break;
    print("making....");
    time::sleep(randrange(3));
    q.put(count);
    print("Producer " + name + " has produced " + std::to_string(count) +
          " baozi..");
    print("ok....");
    // BUG: no `count += 1`
  }
}

void Consumer(std::string name) {
  int count = 0;
  while (count < 10) {
    time::sleep(randrange(4));
    if (!q.empty()) { // check ...
      int data = q.get(); // ... then act
      print(data);
      print("\033[32;1mConsumer " + name + " has eat " + std::to_string(data) +
            " baozi...\033[0m");
    } else {
      print("----no baozi anymore----");
    }
    count += 1;
  }
}

int main() {
  threading::Thread p1(Producer, std::string("A"));
  threading::Thread c1(Consumer, std::string("B"));
  // c2 = threading.Thread(target=Consumer, args=('C',))
  // c3 = threading.Thread(target=Consumer, args=('D',))
  p1.start();
  c1.start();
  // c2.start()
  // c3.start()
}
