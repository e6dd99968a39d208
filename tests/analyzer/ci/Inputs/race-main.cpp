#include <thread>

extern int hits;
void count();

int main() {
  std::thread t(count);
  hits += 10;
  t.join();
}
