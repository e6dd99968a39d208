// racy: reads under the lock, but writes back after unlocking
#include <mutex>
#include <thread>
#include <cstdio>

std::mutex m;
int seats = 10;

void book() {
  m.lock();
  int left = seats;
  m.unlock();
  if (left > 0)
    seats = left - 1;
}

int main() {
  std::thread a(book), b(book), c(book);
  a.join();
  b.join();
  c.join();
  std::printf("%d\n", seats);
}
