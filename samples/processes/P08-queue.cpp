// Seed 002 三.5 (Queue实现进程通信): the main process puts three items;
// three processes each get one, sleep 2 s, and put a new one back; after
// joining them, the main process gets the three new items. Bug: none
// (clean).
//
//   from multiprocessing import Process, Queue
//   from time import sleep
#include <weft/weft.h>

#include <string>
#include <vector>
#include <memory>

using namespace weft;
namespace mp = weft::multiprocessing;

class MyProcess : public mp::Process {
public:
  MyProcess(std::string name, mp::Queue<std::string> mq) : mq(mq) {
    set_name(std::move(name));
  }
  void run() override {
    print(format("Process:{},start", name()));
    print(format("get Data:{}", mq.get()));
    time::sleep(2);
    mq.put(format("new_data:{}", name()));
    print(format("Process:{},end", name()));
  }

private:
  mp::Queue<std::string> mq;
};

int main() {
  mp::Queue<std::string> mq;
  mq.put("1");
  mq.put("2");
  mq.put("3");
  std::vector<std::unique_ptr<MyProcess>> p_list; // 进程列表
  for (int i = 0; i < 3; ++i) {                    // 循环创建进程
    auto p = std::make_unique<MyProcess>(format("p{}", i), mq);
    p->start();
    p_list.push_back(std::move(p));
  }
  for (auto &p : p_list) // 等待进程结束
    p->join();
  print(mq.get());
  print(mq.get());
  print(mq.get());
}
