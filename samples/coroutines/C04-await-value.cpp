// Seed 000 (async与await关键字): `async def test(): return 'a'`, and
// handle() gets its value with `result = await test()`; the main program
// runs handle() with asyncio.run.
// Lesson: calling an async function makes a coroutine; await runs it (in
// the awaiting task: no new task) and gives its return value.
// Bug: none (clean).
//
//   import asyncio
#include <weft/asyncio.h>
#include <weft/weft.h>

#include <string>

using namespace weft;

asyncio::Coroutine<std::string> test() { // async def test():
  co_return "a";                         //     return 'a'
}

asyncio::Coroutine<std::string> handle() { // async def handle():
  std::string result = co_await test();    //     result = await test()
  print(result);
  co_return result;
}

int main() { // if __name__ == '__main__':
  print(asyncio::run(handle())); // asyncio.run(handle())
}
