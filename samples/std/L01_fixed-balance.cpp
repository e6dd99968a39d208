// samples/locks/L01_fixed-balance.cpp with std::thread and std::mutex:
// each change_it() runs under a std::lock_guard, so the balance is always
// 0. Bug: none (clean under every tool).
#include <cstdio>
#include <mutex>
#include <thread>

volatile int balance = 0;
std::mutex lock;

void change_it(int n) {
  balance = balance + n;
  balance = balance - n;
}

void run_thread(int n) {
  for (int i = 0; i < 2000000; ++i) {
    std::lock_guard<std::mutex> guard(lock);
    change_it(n);
  }
}

int main() {
  std::thread thread1(run_thread, 5);
  std::thread thread2(run_thread, 8);
  thread1.join();
  thread2.join();
  std::printf("%d\n", balance);
}
