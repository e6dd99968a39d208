// Seed 004 (asyncio模块): loop = asyncio.get_event_loop(); then
// loop.run_until_complete(func()) -- the seed's first call leaves out
// func's argument `name`, a TypeError in Python (func() missing 1
// required positional argument: 'name') and a compile error in C++; the
// sample keeps the seed's intent and passes no call of it (see below) --
// then func('alex') alone, then asyncio.wait of two coroutines at once.
// Lesson: run_until_complete runs one coroutine to its end; asyncio.wait
// runs several together (both start before either ends).
// Bug: the missing argument (a slip of the seed, not a concurrency bug;
// nothing to find at run time: clean).
//
//   import asyncio
#include <weft/asyncio.h>
#include <weft/weft.h>

#include <string>
#include <vector>

using namespace weft;

asyncio::Coroutine<> func(std::string name) { // async def func(name):
  print(name, "start");
  co_await asyncio::sleep(1);
  print(name, "end");
}

int main() {
  asyncio::EventLoop loop = asyncio::get_event_loop();
  // 单运行: loop.run_until_complete(func())  -- missing argument 'name':
  // loop.run_until_complete(func());   // does not compile in C++
  // 运行+传参 同步
  loop.run_until_complete(func("alex"));
  // 运行+传参 异步
  std::vector<asyncio::Coroutine<>> both;
  both.push_back(func("alex"));
  both.push_back(func("大笔"));
  loop.run_until_complete(asyncio::wait(std::move(both)));
}
