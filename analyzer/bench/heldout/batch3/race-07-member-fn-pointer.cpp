// racy: two threads run the same member function on one object
#include <cstdio>
#include <thread>

class HitCounter {
public:
  void run(int n) {
    for (int i = 0; i < n; i++)
      hits++;
  }
  int hits = 0;
};

int main() {
  HitCounter c;
  std::thread t1(&HitCounter::run, &c, 10000);
  std::thread t2(&HitCounter::run, &c, 10000);
  t1.join();
  t2.join();
  std::printf("%d\n", c.hits);
  return 0;
}
