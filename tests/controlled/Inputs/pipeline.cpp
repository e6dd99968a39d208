// tests/controlled input: every kind of blocking primitive at once. Two
// producers put numbers into a bounded Queue; a consumer sums them under a
// Condition-protected total; a Semaphore limits the producers; all meet at
// a Barrier; main waits for an Event. Every blocking operation goes through
// the kernel, so under control the run is a function of its schedule.
#include <weft/weft.h>

using namespace weft;

queue::Queue<int> Items(2);
threading::Condition Changed;
threading::Semaphore Slots(1);
threading::Event Done;
threading::Barrier Meet(3);
int Total = 0;

void produce(int Base) {
  for (int I = 0; I < 3; ++I) {
    Slots.acquire();
    Items.put(Base + I);
    Slots.release();
  }
  Meet.wait();
}

void consume() {
  for (int I = 0; I < 6; ++I) {
    int V = Items.get();
    Changed.acquire();
    Total += V;
    Changed.notify_all();
    Changed.release();
  }
  Meet.wait();
  Done.set();
}

int main() {
  threading::Thread P1(produce, 10), P2(produce, 20), C(consume);
  P1.start();
  P2.start();
  C.start();
  Changed.acquire();
  while (Total < 96)
    Changed.wait(1.0);
  Changed.release();
  Done.wait();
  P1.join();
  P2.join();
  C.join();
  print("total", Total);
}
