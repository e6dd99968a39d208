// Seed 004 (结束进程须知: terminate): terminate() only sends the signal, so
// is_alive() right after it is usually still True; a moment later the child
// is gone. Bug: none (clean). The last line (added) waits for the child and
// shows how it ended: exitcode -15, killed by SIGTERM.
//
//   from multiprocessing import Process
#include <weft/weft.h>

#include <string>

using namespace weft;

class MyProcess : public multiprocessing::Process {
public:
  explicit MyProcess(int a) : a(a) {}
  void run() override {
    time::sleep(1);
    print(format("{} ===> parent pid: {} pid: {}", a, os::getppid(),
                 os::getpid()));
  }

private:
  int a;
};

int main() {
  print("-->", os::getpid());
  MyProcess p(1);
  p.start();
  print(p.name());
  print(p.is_alive()); // 子进程是否存活
  p.terminate();       // 强制结束子进程
  print(p.is_alive()); // 不等待，子进程依旧存活 (usually)
  time::sleep(0.01);
  print(p.is_alive()); // 等待0.01秒后，子进程死亡 (usually)
  p.join();
  print("exitcode", *p.exitcode());
}

// --> 35620
// MyProcess-1
// True
// True
// False
// exitcode -15
