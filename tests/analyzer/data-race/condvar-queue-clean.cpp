// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>
#include <mutex>
#include <condition_variable>
#include <queue>
std::queue<int> q; std::mutex m; std::condition_variable cv; bool done = false;
void producer() { for (int i = 0; i < 10; ++i) { { std::lock_guard<std::mutex> g(m); q.push(i); } cv.notify_one(); } { std::lock_guard<std::mutex> g(m); done = true; } cv.notify_one(); }
void consumer() { int s = 0; for (;;) { std::unique_lock<std::mutex> lk(m); cv.wait(lk, [] { return !q.empty() || done; }); if (q.empty() && done) break; s += q.front(); q.pop(); } }
int main() { std::thread p(producer), c(consumer); p.join(); c.join(); }
