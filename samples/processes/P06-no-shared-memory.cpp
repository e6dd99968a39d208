// Seed 004 (进程与进程之间数据隔离): processes do not share memory. The child
// changes a global; the parent, after join, still sees its own value.
// Bug: none (clean) — and no race: the two writes are in different
// processes, so in different memory.
//
//   from multiprocessing import Process
#include <weft/weft.h>

using namespace weft;
using multiprocessing::Process;

int n = 100;

void work() {
  n = 0;
  print("子进程内:", n);
}

int main() {
  Process p(work);
  p.start();
  n = 1; // the parent writes too, while the child runs
  p.join();
  print("主进程内:", n);
}

// 子进程内: 0
// 主进程内: 1
