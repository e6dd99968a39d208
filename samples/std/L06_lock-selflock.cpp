// samples/locks/L06_lock-selflock.cpp with std::thread and std::mutex: each
// of five threads locks the mutex twice. A std::mutex is not recursive: the
// first thread to get it blocks forever on its second lock(), and every
// other thread waits for it. Bug: self-deadlock (deliberate).
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

std::mutex lock;

void func(int i) {
  lock.lock();
  lock.lock(); // BUG: blocks forever, this thread already holds lock
  std::cout << i << ":start" << std::endl;
  lock.unlock();
  lock.unlock();
  std::cout << i << ":end" << std::endl;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i)
    threads.emplace_back(func, i);
  for (std::thread &t : threads)
    t.join();
}
