// Seed 002 二.9 (信号量): a house that lets in a limited number of people:
// Semaphore(5), seven threads enter, stay 3 s, leave.
// Lesson: a Semaphore lets N threads use a resource at once (a Lock lets
// one): five people enter, the other two wait until someone leaves.
// Bug (a slip in the notes, not a concurrency bug; kept): the comment says
// "依次只允许两个人进来" (two at a time) but the code says Semaphore(5).
//
//   # 一个房子，依次只允许两个人进来
//   # 若不使用信号量，会造成所有人都进入这个房子
//   # 若只允许一人通过可以用锁-Lock()
//   from threading import Semaphore,Thread
//   from time import sleep
#include <weft/weft.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace weft;
using threading::Semaphore, threading::Thread;

void home(std::string name, Semaphore &se) {
  se.acquire();
  print(name + "进入房间");
  time::sleep(3);
  print("****" + name + "走出房间");
  se.release();
}

int main() {
  Semaphore se(5); // 信号量对象 -- 5, although the comment says two
  // Python rebinds t every time and the threads live on; in C++ the objects
  // must outlive their threads, so they are kept here (declared after se,
  // so they are waited for before se is destroyed).
  std::vector<std::unique_ptr<Thread>> threads;
  for (int i = 0; i < 7; ++i) {
    // t = Thread(target=home,args=(f"tom{i}",se)); std::ref shares se
    threads.push_back(std::make_unique<Thread>(
        home, "tom" + std::to_string(i), std::ref(se)));
    Thread &t = *threads.back();
    t.start();
  }
}
