// Seed 002 §四.6 (asyncio实现协程(重点)), also 000 (asyncio调用async函数):
// two coroutines print three times each, awaiting asyncio.sleep(1) between
// prints; main gathers them and prints their results.
// Lesson: the sleeps overlap, so the whole run takes 3 s, not the 6 s of
// C01: while one coroutine waits, the event loop runs the other. gather
// returns the results in the order the coroutines were given.
// Bug: none (clean). Under `weft run --schedule` time is virtual, so the
// 3 s of sleeps finish at once and the run still prints 耗时3.0秒.
// (Python's gather returns a list; weft's gives a tuple, printed in
// parentheses.)
//
//   import asyncio
//   import time
#include <weft/asyncio.h>
#include <weft/weft.h>

#include <string>

using namespace weft;

asyncio::Coroutine<std::string> func1() { // async def func1():
  for (int i = 0; i < 3; ++i) {
    print(format("北京：第{}次打印啦", i)); // print(f'北京：第{i}次打印啦')
    co_await asyncio::sleep(1);             // await asyncio.sleep(1)
  }
  co_return "func1执行完毕";
}

asyncio::Coroutine<std::string> func2() { // async def func2():
  for (int k = 0; k < 3; ++k) {
    print(format("上海：第{}次打印了", k));
    co_await asyncio::sleep(1);
  }
  co_return "func2执行完毕";
}

asyncio::Coroutine<> amain() { // async def main():
  auto res = co_await asyncio::gather(func1(), func2());
  print(res);
}

int main() {
  double start_time = time::time();
  asyncio::run(amain());
  double end_time = time::time();
  print(format("耗时{:.1f}秒", end_time - start_time)); // 耗时3秒
}
