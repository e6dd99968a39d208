// Seed 003 §2 (Pool:用进程池批量创建子进程): Pool(4) runs five tasks that
// sleep a random time of up to 3 s; the fifth waits for a free worker.
// Bug: none (clean).
//
//   from multiprocessing import Pool
//   import os, time, random
#include <weft/weft.h>

using namespace weft;
namespace mp = weft::multiprocessing;

//   def long_time_task(name):
void long_time_task(int name) {
  print(format("Run task {} ({})...", name, os::getpid()));
  double start = time::time();
  time::sleep(random::random() * 3);
  double end = time::time();
  print(format("Task {} runs {:0.2f} seconds.", name, end - start));
}

int main() {
  print(format("Parent process {}.", os::getpid()));
  mp::Pool p(4);
  for (int i = 0; i < 5; ++i)
    p.apply_async(long_time_task, std::make_tuple(i));
  print("Waiting for all subprocesses done...");
  p.close();
  p.join();
  print("All subprocesses done.");
}
