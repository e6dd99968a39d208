// Seed 002 三.6 (Pipe实现进程通信): a duplex Pipe between two processes; each
// sends a greeting and receives the other's. Bug: none (clean).
//
//   import multiprocessing
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;

void func1(mp::Connection conn1) {
  std::string sub_info = "Hello!";
  print(format("进程1--{}发送数据：{}", *mp::current_process().pid(), sub_info));
  time::sleep(1);
  conn1.send(sub_info);
  print(format("来自进程2:{}", conn1.recv<std::string>()));
  time::sleep(1);
}

void func2(mp::Connection conn2) {
  std::string sub_info = "你好!";
  print(format("进程2--{}发送数据：{}", *mp::current_process().pid(), sub_info));
  time::sleep(1);
  conn2.send(sub_info);
  print(format("来自进程1:{}", conn2.recv<std::string>()));
  time::sleep(1);
}

int main() {
  auto [conn1, conn2] = mp::Pipe(); // 创建管道
  mp::Process process1(func1, conn1); // 创建子进程
  mp::Process process2(func2, conn2);
  process1.start(); // 启动子进程
  process2.start();
}

// 进程1--4242发送数据：Hello!
// 进程2--4243发送数据：你好!
// 来自进程2:你好!
// 来自进程1:Hello!
