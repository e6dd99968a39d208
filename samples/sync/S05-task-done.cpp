// Seed 001 §11.2 (join与task_done方法), after §11.1 (get与put方法): a
// Queue(5) gets two items; each get() is followed by task_done(), and then
// task_done() is called a third time.
// Lesson: "每一条get语句后需要一条task_done": task_done() tells the queue
// that one item taken with get() is processed; join() waits until every
// item put has been marked so.
// Bug (kept): the third task_done() has no item to match. Python raises
// ValueError("task_done() called too many times") there, so "ending!" is
// never printed; weft raises the same and reports task-done-overflow.
//
//   import queue
#include <weft/weft.h>

#include <cstdio>

using namespace weft;

int main() try {
  queue::Queue<int> q(5); // q = queue.Queue(5)
  q.put(10);
  q.put(20);

  print(q.get());
  q.task_done();
  print(q.get());
  q.task_done();

  q.task_done(); // BUG: a third task_done() for two items: ValueError

  print("ending!");
} catch (const Error &e) {
  // Python does not catch the ValueError: the program ends with a traceback
  // on stderr whose last line is this one, and the exit status is 1. An
  // uncaught C++ exception would only abort(), so the sample prints what
  // Python prints and keeps its exit status.
  std::fprintf(stderr, "%s: %s\n", e.pythonName(), e.what());
  return 1;
}

// 10
// 20
// ValueError: task_done() called too many times
