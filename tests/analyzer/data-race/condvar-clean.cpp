// A condition variable hand-off with the data under the mutex.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex m;
std::condition_variable cv;
bool ready = false;
int payload = 0;

void consumer() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return ready; });
  payload += 1;
}

int main() {
  std::thread t(consumer);
  {
    std::lock_guard<std::mutex> g(m);
    payload = 41;
    ready = true;
  }
  cv.notify_one();
  t.join();
  return payload;
}
