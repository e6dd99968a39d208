// Uses std::thread and std::mutex only: no call into weft.
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex M;
int counter = 0;

int main() {
  std::thread T([] {
    std::lock_guard<std::mutex> G(M);
    ++counter;
  });
  T.join();
  std::printf("counter %d\n", counter);
}
