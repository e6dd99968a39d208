// deadlock: two threads take two global mutexes in opposite order
#include <mutex>
#include <thread>
#include <iostream>

std::mutex forks_mtx;
std::mutex knives_mtx;

void chef() {
  std::lock_guard<std::mutex> a(forks_mtx);
  std::lock_guard<std::mutex> b(knives_mtx);
  std::cout << "chef cooks\n";
}

void waiter() {
  std::lock_guard<std::mutex> b(knives_mtx);
  std::lock_guard<std::mutex> a(forks_mtx);
  std::cout << "waiter sets table\n";
}

int main() {
  std::thread t1(chef), t2(waiter);
  t1.join();
  t2.join();
}
