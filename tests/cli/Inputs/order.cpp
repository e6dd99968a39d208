// Two functions take the same two std::mutexes in opposite orders.
#include <mutex>
#include <thread>

std::mutex A, B;

void first() {
  std::lock_guard<std::mutex> GA(A);
  std::lock_guard<std::mutex> GB(B);
}

void second() {
  std::lock_guard<std::mutex> GB(B);
  std::lock_guard<std::mutex> GA(A);
}

int main() {
  std::thread T1(first), T2(second);
  T1.join();
  T2.join();
}
