// multiprocessing.Pipe between a parent and a child: values of standard
// types and a user type with a cereal serialize function; poll with and
// without data; EOFError once every copy of the other end is closed;
// Python's errors for the wrong direction and a closed handle; a value
// received as another type is a ValueError, not garbage.
// RUN: %weft c++ %s -o %t
// RUN: %weft run --trace %t.wtrace %t > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// The trace links each send to its receive by the message's id, across the
// two processes' files.
// RUN: %weft trace show --no-times %t.wtrace | FileCheck %s --check-prefix=SHOW
// SHOW: MainThread{{ +}}message-send{{ +}}message [[M1:[0-9]+]]{{ +}}pipe-basics.cpp:57
// SHOW: Process-1{{ +}}message-recv{{ +}}message [[M1]]{{ +}}pipe-basics.cpp:
// SHOW: Process-1{{ +}}message-send{{ +}}message [[M2:[0-9]+]]{{ +}}pipe-basics.cpp:
// SHOW: MainThread{{ +}}message-recv{{ +}}message [[M2]]{{ +}}pipe-basics.cpp:

#include <weft/weft.h>

#include "Inputs/expect.h"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace weft;
namespace mp = weft::multiprocessing;

struct Task {
  int id = 0;
  std::string url;
  template <class Archive> void serialize(Archive &ar) { ar(id, url); }
};

void child(mp::Connection c) {
  auto t = c.recv<Task>();
  c.send(t.url + "#" + std::to_string(t.id));
  auto v = c.recv<std::vector<int>>();
  auto m = c.recv<std::map<std::string, double>>();
  auto tup = c.recv<std::tuple<int, std::string, std::optional<int>>>();
  int sum = 0;
  for (int x : v)
    sum += x;
  c.send(std::make_tuple(sum, m.at("pi"), std::get<1>(tup),
                         std::get<2>(tup).has_value()));
  c.send(std::string("x")); // received as an int by the parent
  c.close();
}

int main() {
  auto [a, b] = mp::Pipe();
  mp::Process p(child, b);
  p.start();
  b.close(); // the parent's copy: only the child's keeps the end open
  print("poll before any send", a.poll());
  a.send(Task{7, "http://x"});
  print("got", a.recv<std::string>());
  a.send(std::vector<int>{1, 2, 3});
  a.send(std::map<std::string, double>{{"pi", 3.5}});
  a.send(std::make_tuple(1, std::string("s"), std::optional<int>{}));
  auto [sum, pi, s, has] = a.recv<std::tuple<int, double, std::string, bool>>();
  print("sum", sum, "pi", pi, "s", s, "optional", has);
  expect("wrong type", [&] { a.recv<std::map<int, int>>(); });
  p.join();
  print("poll at the end", a.poll(1.0));
  expect("recv at the end", [&] { a.recv<int>(); });
  a.close();
  expect("send on closed", [&] { a.send(1); });

  auto [r, w] = mp::Pipe(false);
  print("readable", r.readable(), r.writable(), "writable", w.readable(),
        w.writable());
  expect("send on the receiving end", [&] { r.send(1); });
  expect("recv on the sending end", [&] { w.recv<int>(); });
  print("timed poll, nothing sent", r.poll(0.05));
  r.close();
  expect("send with no reader", [&] { w.send(1); });
}

// CHECK: poll before any send False
// CHECK-NEXT: got http://x#7
// CHECK-NEXT: sum 6 pi 3.5 s s optional False
// CHECK-NEXT: wrong type -> ValueError the message does not hold a value of the type asked for
// CHECK-NEXT: poll at the end True
// CHECK-NEXT: recv at the end -> EOFError
// CHECK-NEXT: send on closed -> OSError handle is closed
// CHECK-NEXT: readable True False writable False True
// CHECK-NEXT: send on the receiving end -> OSError connection is read-only
// CHECK-NEXT: recv on the sending end -> OSError connection is write-only
// CHECK-NEXT: timed poll, nothing sent False
// CHECK-NEXT: send with no reader -> BrokenPipeError [Errno 32] Broken pipe
// CHECK-NEXT: weft: trace:
