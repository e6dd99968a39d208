// Seed 002 §四.5 (使用yield实现协程): func1 is a generator; func2 calls
// next() on it after each of its own prints, so the two alternate.
// Lesson: yield switches between two tasks and keeps each one's state, but
// saves no I/O time: every sleep still blocks, the run takes 5 s.
// Bug: none (clean). Under `weft run --schedule` time is virtual.
// C++20 has no std::generator (C++23 does): the sample carries the few
// lines of one, so `yield` is `co_yield` and next(g) is g.next().
//
//   import time
#include <weft/weft.h>

#include <coroutine>
#include <exception>
#include <utility>

using namespace weft;

// A generator without values (`yield` alone), enough for the lesson.
class Generator {
public:
  struct promise_type {
    Generator get_return_object() {
      return Generator(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(std::nullptr_t) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  explicit Generator(std::coroutine_handle<promise_type> H) : H(H) {}
  Generator(Generator &&O) noexcept : H(std::exchange(O.H, {})) {}
  ~Generator() {
    if (H)
      H.destroy();
  }
  /// next(g): runs to the next yield (StopIteration is not modelled).
  void next() {
    if (!H.done())
      H.resume();
  }

private:
  std::coroutine_handle<promise_type> H;
};

Generator func1() {
  for (int i = 0; i < 3; ++i) {
    print(format("北京：第{}次打印啦", i)); // print(f'北京：第{i}次打印啦')
    co_yield nullptr; // yield: 只要方法包含了yield，就变成一个生成器
    time::sleep(1);
  }
}

void func2() {
  Generator g = func1(); // func1是一个生成器，需要通过next()
  print("<class 'generator'>"); // print(type(g))
  for (int k = 0; k < 3; ++k) {
    print(format("上海：第{}次打印了", k));
    g.next(); // next(g): 继续执行func1的代码
    time::sleep(1);
  }
}

int main() {
  double start_time = time::time();
  func2();
  double end_time = time::time();
  print(format("耗时{:.1f}秒", end_time - start_time)); // 耗时5.0秒，效率差别不大
}
