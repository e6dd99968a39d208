// clean (lock order): both threads take the two mutexes in the same order
#include <mutex>
#include <thread>

std::mutex m1, m2;
int x, y;

void f() {
  std::lock_guard<std::mutex> a(m1);
  std::lock_guard<std::mutex> b(m2);
  x++;
  y++;
}

void g() {
  std::lock_guard<std::mutex> a(m1);
  std::lock_guard<std::mutex> b(m2);
  y--;
  x--;
}

int main() {
  std::thread t1(f), t2(g);
  t1.join();
  t2.join();
}
