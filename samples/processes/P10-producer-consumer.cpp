// Seed 004 (生产者消费者模型): two producer processes put ten items each
// into a Queue with random pauses; one consumer process eats them; after
// joining the producers, the main process puts a None sentinel that ends
// the consumer. Bug: none (clean).
//
//   from multiprocessing import Process, Queue
//   import time, random
#include <weft/weft.h>

#include <optional>
#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;
using Food = std::optional<std::string>; // None ends the consumer

void consumer(mp::Queue<Food> q, std::string d) {
  while (true) {
    Food food = q.get();
    print(food ? *food : "None");
    if (!food)
      break;
    print(format("{} 吃了 {}", d, *food));
  }
}

void producer(mp::Queue<Food> q, std::string r, std::string p) {
  for (int i = 0; i < 10; ++i) {
    print(format("{} 制作了 {}{}号", r, p, i + 1));
    time::sleep(random::random());
    q.put(format("{}{}号", p, i + 1));
  }
}

int main() {
  mp::Queue<Food> q;
  mp::Process c1(consumer, q, std::string("🐖"));
  mp::Process p1(producer, q, std::string("工人1"), std::string("饼干"));
  mp::Process p2(producer, q, std::string("工人2"), std::string("香蕉"));
  c1.start();
  p1.start();
  p2.start();
  p1.join();
  p2.join();
  q.put(std::nullopt);
}
