// clean (lock order): the second lock is only tried; on failure everything is released
#include <mutex>
#include <thread>

std::mutex ma, mb;
int shared = 0;

void forward() {
  for (;;) {
    std::unique_lock<std::mutex> a(ma);
    std::unique_lock<std::mutex> b(mb, std::try_to_lock);
    if (b.owns_lock()) {
      shared++;
      return;
    }
  }
}

void backward() {
  for (;;) {
    std::unique_lock<std::mutex> b(mb);
    std::unique_lock<std::mutex> a(ma, std::try_to_lock);
    if (a.owns_lock()) {
      shared--;
      return;
    }
  }
}

int main() {
  std::thread t1(forward), t2(backward);
  t1.join();
  t2.join();
}
