// Fixed twin of C07-blocking-sleep.cpp: func1 awaits asyncio.sleep, the
// sleeps overlap again (3 s) and nothing is found.
//
//   import asyncio, time
#include <weft/asyncio.h>
#include <weft/weft.h>

#include <string>

using namespace weft;

asyncio::Coroutine<std::string> func1() {
  for (int i = 0; i < 3; ++i) {
    print(format("北京：第{}次打印啦", i));
    co_await asyncio::sleep(1); // the fix: only this task waits
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
