// Seed 002 §四.5 (不使用asncio的任务切换): two functions print three times
// each, sleeping 1 s after every print, one after the other.
// Lesson: without coroutines the sleeps add up: the run takes 6 s (C03
// does the same work in 3 s with asyncio).
// Bug: none (clean). Under `weft run --schedule` time is virtual: the run
// still prints 耗时6.0秒, at once.
//
//   import time
#include <weft/weft.h>

#include <string>

using namespace weft;

std::string func1() {
  for (int i = 0; i < 3; ++i) {
    print(format("北京：第{}次打印啦", i)); // print(f'北京：第{i}次打印啦')
    time::sleep(1);
  }
  return "func1执行完毕";
}

std::string func2() {
  for (int k = 0; k < 3; ++k) {
    print(format("上海：第{}次打印了", k));
    time::sleep(1);
  }
  return "func2执行完毕";
}

void main_() { // def main():
  func1();
  func2();
}

int main() {
  double start_time = time::time();
  main_();
  double end_time = time::time();
  print(format("耗时{:.1f}秒", end_time - start_time)); // 不使用协程，耗时6秒
}
