// subprocess as Python's: call and its return code, run with input,
// capture_output, check (CalledProcessError) and timeout (TimeoutExpired,
// the child killed), Popen with pipes and communicate, a child killed by a
// signal (-9), poll/wait, a program that does not exist
// (FileNotFoundError), check_output. The children are in the trace
// (process-start, process-join); a child that is itself a weft program
// writes its trace into the run's (PATH.<pid>), so `trace show` lists its
// threads. No outcome depends on timing: the timed-out child sleeps 100 s.
// RUN: %weft c++ %s -o %t
// RUN: %weft c++ %S/Inputs/child-thread.cpp -o %t.child
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %weft run --trace %t.d/run.wtrace %t %t.child > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %weft trace show --no-times %t.d/run.wtrace 2>&1 | FileCheck %s --check-prefix=SHOW --implicit-check-not=note:
// SHOW: MainThread{{ +}}process-start{{ +}}pid [[C:[0-9]+]]{{ +}}subprocess-basics.cpp:30:18
// SHOW-NEXT: MainThread{{ +}}process-join{{ +}}pid [[C]]{{ +}}subprocess-basics.cpp:30:18
// The weft child's own thread, in the run:
// SHOW: pid {{[0-9]+}}/Thread-1{{ +}}thread-begin
// RUN: %weft trace check %t.d/run.wtrace > %t.check 2>&1
// RUN: not grep . %t.check

#include <weft/weft.h>

#include "Inputs/expect.h"

using namespace weft;
namespace sp = weft::subprocess;

int main(int argc, char **argv) {
  print("call:", sp::call({"true"}), sp::call({"false"}));
  // CHECK: call: 0 1

  auto r = sp::run({"tr", "a-z", "A-Z"}, {.input = "hello\n", .capture_output = true});
  print("run:", r.returncode, r.stdout_, r.stderr_.empty());
  // CHECK-NEXT: run: 0 HELLO
  // CHECK-NEXT: True

  expect("check", [] { sp::run({"sh", "-c", "exit 3"}, {.check = true}); });
  // CHECK-NEXT: check -> subprocess.CalledProcessError Command '['sh', '-c', 'exit 3']' returned non-zero exit status 3.
  expect("timeout", [] { sp::run({"sleep", "100"}, {.timeout = 0.05}); });
  // CHECK-NEXT: timeout -> subprocess.TimeoutExpired Command '['sleep', '100']' timed out after 0.05 seconds
  expect("missing", [] { sp::call({"no-such-program-weft"}); });
  // CHECK-NEXT: missing -> FileNotFoundError [Errno 2] No such file or directory: 'no-such-program-weft'

  sp::Popen p({"sh", "-c", "cat; echo oops >&2; exit 2"},
              {.stdin_ = sp::PIPE, .stdout_ = sp::PIPE, .stderr_ = sp::PIPE});
  print("pid known:", p.pid() > 0, "returncode before:", p.returncode().has_value());
  // CHECK-NEXT: pid known: True returncode before: False
  auto [out, err] = p.communicate("piped\n");
  print("communicate:", out, err, *p.returncode());
  // CHECK-NEXT: communicate: piped
  // CHECK-NEXT: {{^}} oops
  // CHECK-NEXT: {{^}} 2

  sp::Popen s({"sleep", "100"});
  print("poll while running:", s.poll().has_value());
  // CHECK-NEXT: poll while running: False
  s.kill();
  print("killed:", s.wait());
  // CHECK-NEXT: killed: -9

  print("check_output:", sp::check_output({"echo", "out"}));
  // CHECK-NEXT: check_output: out
  // CHECK-EMPTY:

  // A weft program as the child: its output, and its trace in the run.
  print(sp::check_output({argv[1]}));
  // CHECK-NEXT: child's thread ran
  (void)argc;
}
