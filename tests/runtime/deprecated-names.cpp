// Python's deprecated spellings that the course's notes use work and say
// what Python says: currentThread(), activeCount(), isAlive() (removed in
// Python 3.9), getName()/setName(), isDaemon()/setDaemon(). Each prints
// Python's DeprecationWarning text once, as a note on stderr with the call
// site, however often it is called.
// RUN: %weft c++ %s -o %t
// RUN: %t > %t.out 2> %t.err
// RUN: FileCheck %s --input-file=%t.out --match-full-lines
// RUN: FileCheck %s --input-file=%t.err --check-prefix=NOTE --match-full-lines
// CHECK:      MainThread
// CHECK-NEXT: 1
// CHECK-NEXT: MainThread
// CHECK-NEXT: worker True False
// CHECK-NEXT: renamed False
// CHECK-NEXT: 2
// CHECK-NEXT: alive after join: False
// CHECK-EMPTY:
// NOTE:      weft: note: {{.*}}deprecated-names.cpp:40: DeprecationWarning: currentThread() is deprecated, use current_thread() instead
// NOTE-NEXT: weft: note: {{.*}}deprecated-names.cpp:40: DeprecationWarning: getName() is deprecated, get the name attribute instead
// NOTE-NEXT: weft: note: {{.*}}deprecated-names.cpp:41: DeprecationWarning: activeCount() is deprecated, use active_count() instead
// NOTE-NEXT: weft: note: {{.*}}deprecated-names.cpp:45: DeprecationWarning: setDaemon() is deprecated, set the daemon attribute instead
// NOTE-NEXT: weft: note: {{.*}}deprecated-names.cpp:47: DeprecationWarning: isAlive() is deprecated, use is_alive() instead (removed in Python 3.9)
// NOTE-NEXT: weft: note: {{.*}}deprecated-names.cpp:48: DeprecationWarning: isDaemon() is deprecated, get the daemon attribute instead
// NOTE-NEXT: weft: note: {{.*}}deprecated-names.cpp:50: DeprecationWarning: setName() is deprecated, set the name attribute instead
// NOTE-EMPTY:

#include <weft/weft.h>

#include <string>

using namespace weft;
using namespace weft::threading;

Event Go;

void work() { Go.wait(); }

int main() {
  for (int I = 0; I < 2; ++I) { // the second round warns no more
    print(currentThread().getName()); // MainThread, once
    if (I == 0) print(std::to_string(activeCount()));
  }
  Thread W(ThreadOptions{.name = "worker"}, work);
  Thread Other(work);
  Other.setDaemon(false);
  W.start();
  bool Alive = W.isAlive();
  bool Daemon = W.isDaemon();
  print(W.getName(), Alive, Daemon);
  Other.setName("renamed");
  print(Other.getName(), Other.isAlive());
  print(std::to_string(activeCount()));
  Go.set();
  W.join();
  print("alive after join:", W.isAlive());
}
