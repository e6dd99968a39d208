// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <atomic>
#include <thread>
int data; std::atomic<bool> ready{false};
void producer() { data = 42; ready.store(true, std::memory_order_release); }
void consumer() { while (!ready.load(std::memory_order_acquire)) {} int x = data; (void)x; }
int main() { std::thread a(producer), b(consumer); a.join(); b.join(); }
