// Seed 001 §11.4 (三种模式, 优先级): a PriorityQueue of [priority, data]
// lists, drained by `while 1: data=q.get(); print(data)` in the main thread.
// Lesson: the lowest priority number comes out first ("级别越低越先出来"):
// [3, 'hello'], [4, {'name': 'alex'}], [5, 100], [7, 200].
// Bug (kept): after the fourth item the loop's next q.get() waits for an
// item that no thread can ever put: the main thread blocks forever (Python
// hangs). weft reports the deadlock and ends the program.
//
//   import queue
#include <weft/weft.h>

#include <string>
#include <utility>

using namespace weft;

// [priority, data]: Python's list mixes an int with any value; the data here
// is the text Python prints for it (its repr), and lists compare like
// pairs: by priority first.
using Item = std::pair<int, std::string>;

int main() {
  // #优先级
  queue::PriorityQueue<Item> q; // q=queue.PriorityQueue()
  q.put({5, "100"});
  q.put({7, "200"});
  q.put({3, "'hello'"});
  q.put({4, "{'name': 'alex'}"});

  // while 1: -- not bounded: it is the lesson's bug. The fifth get() blocks
  // forever; the runtime reports the deadlock and exits instead of hanging.
  while (1) {
    Item data = q.get();
    print("[" + std::to_string(data.first) + ", " + data.second + "]");
  }
}

// [3, 'hello']
// [4, {'name': 'alex'}]
// [5, 100]
// [7, 200]
