// The events a queue records, and its happens-before rule: a put happens
// before the get that receives its item (queue-put is a release, queue-got
// an acquire on the queue), the last task_done before join returns
// (task-done, then queue-joined). A pointer passed through the queue is
// read by the consumer with no finding.
// RUN: %weft c++ %s -o %t
// RUN: env WEFT_TRACE=%t.wtrace %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show %t.wtrace | FileCheck %s --check-prefix=TRACE
// RUN: %weft trace check %t.wtrace

#include <weft/weft.h>

#include <string>

using namespace weft;
using namespace weft::threading;

struct Message {
  std::string Text;
};

int main() {
  queue::LifoQueue<Message *> q("mail", 1);
  Message M;
  M.Text = "hello";
  q.put(&M);
  Thread Reader({.name = "reader"}, [&q] {
    Message *P = q.get();
    print("reader:", P->Text);
    q.task_done();
  });
  Reader.start();
  q.join();
  print("joined");
  Reader.join();
}

// CHECK: reader: hello
// CHECK-NEXT: joined

// TRACE: MainThread queue-put LifoQueue 'mail' events.cpp:26:3
// TRACE: reader queue-got LifoQueue 'mail' events.cpp:28:18
// TRACE: reader task-done LifoQueue 'mail' events.cpp:30:5
// TRACE: MainThread queue-joined LifoQueue 'mail' events.cpp:33:3
