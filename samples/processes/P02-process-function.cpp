// Seed 002 三.3 (进程的创建方式一), seed 003 §2 and seed 004 (同步阻塞): a
// Process from a function with arguments; start, join; the child's pid and
// its parent's. Bug: none (clean).
//
//   from multiprocessing import Process
//   import os
#include <weft/weft.h>

#include <string>

using namespace weft;
using multiprocessing::Process;

void run_process(std::string name) {
  print(format("Run child process {} ({})...", name, os::getpid()));
  print(format("父进程ID：{}", os::getppid()));
}

// if __name__ == "__main__":
int main() {
  print(format("Parent process {}.", os::getpid()));
  Process p(run_process, std::string("test")); // args=("test",)
  print("Child process will start.");
  p.start();
  p.join(); // join()方法可以等待子进程结束后再继续往下运行,用于进程间的同步
  print("Child process end.");
  print(p.name(), "exitcode", *p.exitcode());
}

// Parent process 28340.
// Child process will start.
// Run child process test (31152)...
// 父进程ID：28340
// Child process end.
// Process-1 exitcode 0
