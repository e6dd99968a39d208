// Seed 002 三.8 (使用with管理进程池): `with Pool(5) as pool:` maps func1 over
// eight names and prints the results in order. The block's end is the
// Pool's destructor (Python's __exit__: terminate). Bug: none (clean).
//
//   from multiprocessing import Pool
//   import os
//   from time import sleep
#include <weft/weft.h>

#include <string>
#include <vector>

using namespace weft;
namespace mp = weft::multiprocessing;

std::string func1(std::string name) {
  print(format("当前进程的ID:{},{}", os::getpid(), name));
  time::sleep(2);
  return name;
}

int main() {
  {
    mp::Pool pool(5); // with Pool(5) as pool:
    auto args = pool.map(func1, std::vector<std::string>{
                                    "malu1,", "malu2,", "malu3,", "malu4,",
                                    "malu5,", "malu6,", "malu7,", "malu8,"});
    for (const auto &a : args)
      print(a);
  }
}
