// Seed 002 三.8 (进程池使用案例): Pool(5); eight apply_async calls of func1,
// the first three with a callback that prints the result; close, join.
// Bug: none (clean).
//
//   from multiprocessing import Pool
//   import os
//   from time import sleep
#include <weft/weft.h>

#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;

//   def func1(name):
std::string func1(std::string name) {
  print(format("当前进程的ID:{},{}", os::getpid(), name));
  time::sleep(2);
  return name;
}

//   def func2(args):
void func2(std::string args) { print(args); }

int main() {
  mp::Pool pool(5);

  pool.apply_async(func1, std::make_tuple(std::string("malu1")), func2);
  pool.apply_async(func1, std::make_tuple(std::string("malu2")), func2);
  pool.apply_async(func1, std::make_tuple(std::string("malu3")), func2);
  pool.apply_async(func1, std::make_tuple(std::string("malu4")));
  pool.apply_async(func1, std::make_tuple(std::string("malu5")));
  pool.apply_async(func1, std::make_tuple(std::string("malu6")));
  pool.apply_async(func1, std::make_tuple(std::string("malu7")));
  pool.apply_async(func1, std::make_tuple(std::string("malu8")));

  pool.close();
  pool.join();
}
