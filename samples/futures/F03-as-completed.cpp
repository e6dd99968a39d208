// Seed 004 (线程池的用法: submit, wait, as_completed): four "spider" tasks
// crawl pages 1 to 4 on a pool of 5; main first waits with
// wait(return_when=FIRST_COMPLETED), then takes each result as its task
// completes with as_completed().
// Lesson: wait(fs, timeout, return_when) returns once its condition holds
// (here: the first task done) without stopping the others; as_completed()
// hands out each future as soon as it is done, so main does not have to
// poll done() ("不能在主线程中一直判断啊").
// Bug: none (clean).
//
// The seed's as_completed program calls spider(page) without defining it;
// spider here sleeps `page` seconds and returns the page, so the tasks finish
// in page order. The seed documents wait() only by its parameters; one call
// with return_when=FIRST_COMPLETED is added before the as_completed loop.
//
//   from concurrent.futures import ThreadPoolExecutor, wait, as_completed
//   from concurrent.futures import FIRST_COMPLETED
//   import time
#include <weft/weft.h>

#include <string>
#include <vector>

using namespace weft;
using futures::ThreadPoolExecutor, futures::Future;

int spider(int page) {
  time::sleep(page);
  print("crawl task" + std::to_string(page) + " finished");
  return page;
}

int main() {
  {
    ThreadPoolExecutor t(5); // with ThreadPoolExecutor(max_workers=5) as t:
    std::vector<Future<int>> obj_list;
    for (int page = 1; page < 5; ++page) {
      Future<int> obj = t.submit(spider, page);
      obj_list.push_back(obj);
    }

    // wait(obj_list, return_when=FIRST_COMPLETED)
    auto [done, not_done] =
        futures::wait(obj_list, std::nullopt, futures::FIRST_COMPLETED);
    print("first completed: " + std::to_string(done.size()) + " done, " +
          std::to_string(not_done.size()) + " not done");

    for (Future<int> &future : futures::as_completed(obj_list)) {
      int data = future.result();
      print("main: " + std::to_string(data)); // print(f"main: {data}")
    }
  }
}
