// Seed 002 三.4 (进程的创建方式二) and seed 004 (开进程的另一种方法): a Process
// subclass overriding run(). Two processes sleep 3 s (here 1 s) and print;
// their lines interleave in any order. Bug: none (clean).
//
//   from multiprocessing import Process
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;

class MyProcess : public multiprocessing::Process {
public:
  explicit MyProcess(std::string name) { set_name(std::move(name)); }
  void run() override {
    print(format("Process:{},start", name()));
    time::sleep(1);
    print(format("Process:{},end", name()));
  }
};

// A subclass that keeps Python's default name: the class's name and the
// counter (MyProcess-1 in seed 004's version).
class Unnamed : public multiprocessing::Process {
public:
  void run() override { print(format("{} ===> ppid ok: {}", name(), os::getppid() > 0)); }
};

int main() {
  MyProcess p1("p1");
  MyProcess p2("p2");
  p1.start();
  p2.start();
  Unnamed u;
  u.start();
  // Python joins the children when the main code ends; so does weft.
}

// Process:p1,start
// Process:p2,start
// Unnamed-3 ===> ppid ok: True
// Process:p1,end
// Process:p2,end
