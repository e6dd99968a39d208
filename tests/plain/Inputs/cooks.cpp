// The two cooks with std::thread and std::mutex, no handshake: whether they
// deadlock depends on the schedule (tests/plain/controlled.test). FIXED:
// both take the knife first.
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex knife, board;

void chef1() {
  std::lock_guard<std::mutex> k(knife);
  std::lock_guard<std::mutex> b(board);
  std::puts("chef 1 cooks");
}

void chef2() {
#ifdef FIXED
  std::lock_guard<std::mutex> k(knife);
  std::lock_guard<std::mutex> b(board);
#else
  std::lock_guard<std::mutex> b(board);
  std::lock_guard<std::mutex> k(knife);
#endif
  std::puts("chef 2 cooks");
}

int main() {
  std::thread t1(chef1);
  std::thread t2(chef2);
  t1.join();
  t2.join();
}
