// A std::condition_variable wait that nobody will ever signal, while the
// only other thread (main) joins the waiter: every thread is blocked, which
// weft reports as a deadlock instead of a hang. The fixed twin sets the
// flag and notifies before joining.
// RUN: %weft c++ --plain %s -o %t
// RUN: %expect-exit 66 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft c++ --plain -DFIXED %s -o %t.fixed
// RUN: %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
// (Whichever of the two waits comes last closes the picture and is named
// first.)
// CHECK: condition-nobody-signals.cpp:{{30|41}}:10: error: deadlock: all 2 threads are blocked and none can wake the others: {{.*}} [deadlock]
// CHECK-DAG: condition-nobody-signals.cpp:30:10: note: thread 'Thread-1' waits for Condition 'cv' here
// CHECK-DAG: condition-nobody-signals.cpp:41:10: note: main thread 'MainThread' waits for thread 'Thread-1' to end here
// CHECK: 1 error generated.
// FIXED: worker saw ready

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex m;
std::condition_variable cv;
bool ready = false;

int main() {
  std::thread worker([] {
    std::unique_lock<std::mutex> lock(m);
    while (!ready)
      cv.wait(lock);
    std::puts("worker saw ready");
  });
#ifdef FIXED
  {
    std::lock_guard<std::mutex> g(m);
    ready = true;
  }
  cv.notify_one();
#endif
  // Without FIXED nothing ever sets ready: the worker waits forever.
  worker.join();
}
