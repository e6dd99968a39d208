// Seed 003 §4 (进程间通信): a writer process puts seven letters with random
// pauses; a reader process loops forever on get; the parent joins the
// writer and terminates the reader (it can never end by itself). Bug: none
// (clean).
//
//   from multiprocessing import Process, Queue
//   import os, time, random
#include <weft/weft.h>

#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;

void write_(mp::Queue<std::string> q) {
  print(format("Process to write:{}", os::getpid()));
  for (std::string value : {"W", "I", "L", "L", "A", "R", "D"}) {
    print(format("Put {} to queue...", value));
    q.put(value);
    time::sleep(random::random());
  }
}

void read_(mp::Queue<std::string> q) {
  print(format("Process to read:{}", os::getpid()));
  while (true) {
    std::string value = q.get(true);
    print(format("Get {} from queue.", value));
  }
}

int main() {
  mp::Queue<std::string> q; // 父进程创建Queue,并传给各个子进程
  mp::Process pw(write_, q); // write and read are the C library's names
  mp::Process pr(read_, q);
  pw.start(); // 启动子进程pw,写入
  pr.start(); // 启动子进程pr,读取
  pw.join();  // 等待pw结束
  pr.terminate(); // pr进程是死循环,无法等待其结束,需要强行终止
}
