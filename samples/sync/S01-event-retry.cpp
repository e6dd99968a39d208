// Seed 001 §9.3 (Event对象, 实际应用): two threads try to "connect to MySQL",
// retrying every 0.5 s with event.wait(0.5) until a checker thread sets the
// event after 1 s.
// Lesson: wait(timeout) returns when the event is set or when the timeout
// expires, whichever comes first, so a thread can do something (count its
// attempts) while it waits; is_set() tells which one happened.
// Bug: none (clean). (The seed creates `event` under `if __name__ ==
// '__main__':`, a module global, and does not join: Python waits at exit.)
//
//   from threading import Thread, Event
//   import time,threading
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread, threading::Event;

Event event; // event=Event()

void conn_mysql() {
  int count = 1;
  while (!event.is_set()) {
    print(format("<{}>第{}次尝试连接", threading::current_thread().getName(),
                 count)); // '<%s>第%s次尝试连接'%(...getName(),count)
    event.wait(0.5);
    count += 1;
  }
  print(format("<{}>链接成功", threading::current_thread())); // '<%s>链接成功'%(threading.current_thread())
}

void check_mysql() {
  time::sleep(1);
  event.set();
}

int main() {
  Thread conn1(conn_mysql);
  Thread conn2(conn_mysql);
  Thread check(check_mysql);
  conn1.start();
  conn2.start();
  check.start();
  // Python waits for the three non-daemon threads at exit; ~Thread does it.
}
