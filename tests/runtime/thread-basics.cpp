// Thread basics, as Python's threading module behaves: target + args, a
// subclass overriding run(), names Thread-1.., ident None before start,
// join with a timeout, is_alive, daemon inheritance, enumerate/active_count.
// RUN: %weft c++ %s -o %t
// (getName() and the other camelCase names print Python's DeprecationWarning
// once each: tests/runtime/deprecated-names.cpp checks those notes.)
// RUN: %t 2>&1 | grep -v '^weft: note: .*DeprecationWarning' | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

#include <string>

using namespace weft;
using namespace weft::threading;

static void greet(std::string Who, int N) {
  print("hello", Who, N, "from", current_thread().name());
}

class Worker : public Thread {
public:
  explicit Worker(int &Out) : Thread(ThreadOptions{.name = "worker"}), Out(Out) {}
  void run() override { Out = 42; }

private:
  int &Out;
};

int main() {
  print("main:", current_thread().name(), main_thread().name(),
        &current_thread() == &main_thread());
  // CHECK: main: MainThread MainThread True

  Thread T1(greet, std::string("bob"), 7);
  print(T1.name(), T1.ident().has_value(), T1.native_id().has_value(),
        T1.is_alive(), T1.daemon());
  // CHECK-NEXT: Thread-1 False False False False
  T1.start();
  T1.join();
  // CHECK-NEXT: hello bob 7 from Thread-1
  print(T1.ident().has_value(), T1.native_id().has_value(), T1.is_alive());
  // CHECK-NEXT: True True False

  int Out = 0;
  Worker W(Out);
  W.start();
  W.join();
  print(W.name(), Out);
  // CHECK-NEXT: worker 42

  // Names keep counting; a named thread does not use a number.
  Thread T3([] {});
  print(T3.getName());
  // CHECK-NEXT: Thread-2
  T3.setName("renamed");
  print(T3.name());
  // CHECK-NEXT: renamed

  // join(timeout) returns when the time is up; the thread is still alive.
  Lock Gate;
  Gate.acquire();
  Thread Blocked([&Gate] {
    Gate.acquire();
    Gate.release();
  });
  Blocked.start();
  Blocked.join(0.05);
  print("after timeout:", Blocked.is_alive(), active_count(),
        enumerate().size(), enumerate()[0] == &main_thread());
  // CHECK-NEXT: after timeout: True 2 2 True
  Gate.release();
  Blocked.join();
  print("after join:", Blocked.is_alive(), active_count());
  // CHECK-NEXT: after join: False 1

  // Daemon status is inherited from the creating thread.
  Thread Parent(ThreadOptions{.daemon = true}, [] {
    Thread Child([] {});
    print("child daemon:", Child.daemon(), Child.isDaemon());
  });
  print("parent daemon:", Parent.daemon());
  // CHECK-NEXT: parent daemon: True
  Parent.start();
  Parent.join();
  // CHECK-NEXT: child daemon: True True
  Thread Plain([] {});
  print("plain daemon:", Plain.daemon());
  // CHECK-NEXT: plain daemon: False
  Plain.setDaemon(true);
  print("set daemon:", Plain.daemon());
  // CHECK-NEXT: set daemon: True
  print("done");
  // CHECK-NEXT: done
}
