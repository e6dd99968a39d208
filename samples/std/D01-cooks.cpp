// samples/deadlocks/D01-cooks.cpp written the way a C++ student would:
// std::thread and std::mutex, no weft API. Two cooks each need the knife
// (菜刀, lock1) and the pot (锅, lock2); fun1 takes the knife then the pot,
// fun2 the pot then the knife. Build with `weft c++ --plain` and the
// deadlock is reported instead of a hang (docs/plain-programs.md).
// Bug: lock-order deadlock lock1 -> lock2 / lock2 -> lock1 (deliberate).
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

std::mutex lock1;
std::mutex lock2;

void fun1() {
  lock1.lock();
  std::cout << "fun1拿到菜刀" << std::endl;
  std::this_thread::sleep_for(std::chrono::seconds(2));
  lock2.lock();
  std::cout << "fun1拿到锅" << std::endl;

  lock2.unlock();
  std::cout << "fun1释放锅" << std::endl;
  lock1.unlock();
  std::cout << "fun1释放菜刀" << std::endl;
}

void fun2() {
  lock2.lock();
  std::cout << "fun2拿到锅" << std::endl;
  lock1.lock();
  std::cout << "fun2拿到菜刀" << std::endl;
  lock1.unlock();
  std::cout << "fun2释放菜刀" << std::endl;
  lock2.unlock();
  std::cout << "fun2释放锅" << std::endl;
}

int main() {
  std::thread t1(fun1);
  std::thread t2(fun2);
  t1.join();
  t2.join();
}
