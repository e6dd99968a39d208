// Seed 004 (线程池的用法: add_done_callback(fn)): 20 tasks func(i, b=i+1) on a
// ThreadPoolExecutor(max_workers=4); each future gets print_func as its done
// callback, which prints the result.
// Lesson: submit() takes the function's arguments (keywords too); a done
// callback runs when its task completes and receives the future, so results
// are printed as they come, without main waiting for each one.
// Bug (kept): the executor is never shut down (no `with`, no
// tp.shutdown()). Python waits for its work at exit anyway; weft does the
// same and reports executor-leak.
//
//   import time, random
//   from concurrent.futures import ThreadPoolExecutor
//   from threading import current_thread
#include <weft/weft.h>

#include <random>

using namespace weft;
using futures::ThreadPoolExecutor, futures::Future;
using threading::current_thread;

// random.randint(a, b). Python's random is safe to share between threads;
// a shared std::mt19937 would be a data race, so each thread has its own.
int randint(int a, int b) {
  thread_local std::mt19937 gen{std::random_device{}()};
  return std::uniform_int_distribution<int>(a, b)(gen);
}

int func(int a, int b) {
  print(*current_thread().ident(), "start", a, b);
  time::sleep(randint(1, 4));
  print(*current_thread().ident(), "end", a);
  return a * b;
}

void print_func(Future<int> &ret) { print(ret.result()); }

// tp = ThreadPoolExecutor(max_workers=4): made under `if __name__ ==
// '__main__':`, a module global, so a C++ global; never shut down (BUG).
ThreadPoolExecutor tp(4);

int main() {
  for (int i = 0; i < 20; ++i) {
    // ret = tp.submit(func, i, b=i + 1): keyword arguments become a lambda
    Future<int> ret = tp.submit([i] { return func(i, /*b=*/i + 1); });
    ret.add_done_callback(print_func);
  }
}
