// Seed 002 §四 (the lesson's contrast between time.sleep and
// asyncio.sleep): C03's coroutines, but func1 calls the blocking
// time.sleep instead of awaiting asyncio.sleep.
// Lesson: a coroutine runs on the event loop's thread until its next
// await; a blocking call there stops the loop, so func2 cannot run while
// func1 sleeps and the run takes 4 s instead of 3.
// Bug: blocking call inside a coroutine (weft: blocking-in-coroutine at
// the time::sleep, and loop-stalled for each 1 s step). Fixed twin:
// C07-blocking-sleep_fixed.cpp.
//
//   import asyncio, time
#include <weft/asyncio.h>
#include <weft/weft.h>

#include <string>

using namespace weft;

asyncio::Coroutine<std::string> func1() {
  for (int i = 0; i < 3; ++i) {
    print(format("北京：第{}次打印啦", i));
    time::sleep(1); // the bug: blocks the loop (await asyncio.sleep(1))
    co_await asyncio::sleep(0);
  }
  co_return "func1执行完毕";
}

asyncio::Coroutine<std::string> func2() {
  for (int k = 0; k < 3; ++k) {
    print(format("上海：第{}次打印了", k));
    co_await asyncio::sleep(1);
  }
  co_return "func2执行完毕";
}

asyncio::Coroutine<> amain() {
  auto res = co_await asyncio::gather(func1(), func2());
  print(res);
}

int main() {
  double start_time = time::time();
  asyncio::run(amain());
  double end_time = time::time();
  print(format("耗时{:.1f}秒", end_time - start_time));
}
