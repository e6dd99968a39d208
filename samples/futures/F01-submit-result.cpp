// Seed 000 (线程池---concurrent): the notes' tables of
// futures.ThreadPoolExecutor (`tpool = ThreadPoolExecutor(max_workers)`) and
// of its methods: submit (往线程池中加入任务, `submit(target, args)`), done
// (线程池中的某个线程是否完成了任务, `done()`) and result (获取当前线程执行任务的
// 结果, `result()`). The notes give no program; this is the smallest one that
// uses each line of the tables, as the course would write it:
//
//   from concurrent.futures import ThreadPoolExecutor
//   import time
//
//   def work(n):
//       time.sleep(1)
//       return n * n
//
//   if __name__ == '__main__':
//       with ThreadPoolExecutor(2) as tpool:
//           task = tpool.submit(work, 3)
//           print(task.done())
//           print(task.result())
//           print(task.done())
//
// Lesson: submit() returns at once with a Future; done() says whether the
// task has finished (False while it sleeps); result() waits for the task
// and returns its value, so done() is True afterwards. A thread pool fixes
// the problem of the notes' 线程的问题: "通过线程执行的函数无法获取返回值".
// Bug: none (clean).
#include <weft/weft.h>

using namespace weft;
using futures::ThreadPoolExecutor;

int work(int n) {
  time::sleep(1);
  return n * n;
}

int main() {
  {
    ThreadPoolExecutor tpool(2); // with ThreadPoolExecutor(2) as tpool:
    auto task = tpool.submit(work, 3);
    print(task.done());   // False: the task still sleeps
    print(task.result()); // waits: 9
    print(task.done());   // True
  } // the end of `with`: tpool.shutdown(wait=True)
}
