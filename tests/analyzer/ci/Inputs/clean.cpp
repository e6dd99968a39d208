#include <mutex>
#include <thread>

std::mutex m;
int counter;

void work() {
  std::lock_guard<std::mutex> g(m);
  counter++; // weft-ignore(data-race): nothing to suppress here
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
}
