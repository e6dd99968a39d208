// samples/locks/L01-balance.cpp with std::thread: two threads run
// `balance = balance + n; balance = balance - n` 2,000,000 times each, with
// no lock. Bug: data race on `balance` (deliberate): found by
// `weft analyze` and by ThreadSanitizer (`weft c++ --tsan`), not by the
// runtime's lock checks, which see no lock at all.
#include <cstdio>
#include <thread>

// volatile keeps every read and write (it is not synchronization).
volatile int balance = 0;

void change_it(int n) {
  balance = balance + n;
  balance = balance - n;
}

void run_thread(int n) {
  for (int i = 0; i < 2000000; ++i)
    change_it(n);
}

int main() {
  std::thread thread1(run_thread, 5);
  std::thread thread2(run_thread, 8);
  thread1.join();
  thread2.join();
  std::printf("%d\n", balance);
}
