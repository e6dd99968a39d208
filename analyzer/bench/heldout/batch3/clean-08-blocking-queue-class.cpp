// clean: a small blocking queue class with unique_lock + condition_variable
#include <condition_variable>
#include <mutex>
#include <queue>
#include <thread>
#include <iostream>

template <typename T> class BlockingQueue {
public:
  void push(T v) {
    {
      std::unique_lock<std::mutex> lk(m);
      q.push(v);
    }
    cv.notify_one();
  }
  T pop() {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [this] { return !q.empty(); });
    T v = q.front();
    q.pop();
    return v;
  }
private:
  std::mutex m;
  std::condition_variable cv;
  std::queue<T> q;
};

int main() {
  BlockingQueue<int> bq;
  std::thread prod([&] {
    for (int i = 1; i <= 5; i++)
      bq.push(i);
    bq.push(-1);
  });
  std::thread cons([&] {
    int sum = 0;
    for (;;) {
      int v = bq.pop();
      if (v < 0)
        break;
      sum += v;
    }
    std::cout << sum << "\n";
  });
  prod.join();
  cons.join();
}
