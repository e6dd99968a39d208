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

using namespace weft;
using futures::ThreadPoolExecutor, futures::Future;
using threading::current_thread;

// `import random`: weft::random is Python's random module, one generator
// that all threads may share. A normal run seeds it from the OS, so each run
// sleeps differently, as in Python. Under the controlled scheduler
// (`weft run --schedule=...`) it is seeded from the schedule: the same
// schedule draws the same sleeps, and `weft replay` repeats a recorded run
// exactly, output and findings. Its sleeps are virtual there, so the run
// takes milliseconds, not the ~12 s of a real run (20 sleeps of 1 to 4 s on
// 4 workers).

int func(int a, int b) {
  print(*current_thread().ident(), "start", a, b);
  time::sleep(random::randint(1, 4));
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
