// threading.local as weft::threading::local<T>: each thread sees only its
// own value (catalog T09), a value set in one thread is absent in another
// (AttributeError with Python's words), values go away when their thread
// ends (before join returns), del / has / get(default), a per-thread
// initializer like a Python subclass's __init__, and a struct for several
// attributes.
// RUN: %weft c++ %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=Exception

#include <weft/weft.h>

#include <string>

using namespace weft;
using namespace weft::threading;

local<std::string> Student("student");

void processStudent() {
  print("Hello,", Student.get(), "(in " + current_thread().name() + ")");
}

void processThread(std::string Name) {
  Student = Name; // local_school.student = name
  processStudent();
}

struct Noisy {
  std::string Name;
  ~Noisy() { print("value of", Name, "destroyed"); }
};

int main() {
  // T09: two threads, each its own student.
  Thread A({.name = "Thread-A"}, processThread, std::string("Alice"));
  A.start();
  A.join();
  Thread B({.name = "Thread-B"}, processThread, std::string("Bob"));
  B.start();
  B.join();
  // CHECK: Hello, Alice (in Thread-A)
  // CHECK-NEXT: Hello, Bob (in Thread-B)

  // Set in main, absent in another thread, and the other way round.
  Student.set("main's");
  Thread C([] {
    print("other thread has it:", Student.has());
    try {
      Student.get();
    } catch (const AttributeError &E) {
      print(std::string(E.pythonName()) + ":", E.what());
    }
    print("default:", Student.get("nobody"));
    Student = "C's";
    print("own value:", *Student, Student->size());
  });
  C.start();
  C.join();
  print("main still sees:", Student.get());
  // CHECK-NEXT: other thread has it: False
  // CHECK-NEXT: AttributeError: '_thread._local' object has no attribute 'student'
  // CHECK-NEXT: default: nobody
  // CHECK-NEXT: own value: C's 3
  // CHECK-NEXT: main still sees: main's

  // del, then a missing value again.
  Student.del();
  print("after del:", Student.has());
  try {
    Student.del();
  } catch (const AttributeError &E) {
    print("del twice:", E.what());
  }
  // CHECK-NEXT: after del: False
  // CHECK-NEXT: del twice: '_thread._local' object has no attribute 'student'

  // A thread's value is destroyed when the thread ends, before join returns.
  {
    local<Noisy> Value("value");
    Thread D([&] {
      Value.emplace(std::string("D"));
      print("D ends");
    });
    D.start();
    D.join();
    print("joined D");
  }
  // CHECK-NEXT: D ends
  // CHECK-NEXT: value of D destroyed
  // CHECK-NEXT: joined D

  // A per-thread initializer: each thread starts from its own 0.
  local<int> Counter("counter", [] { return 0; });
  auto Count = [&](int N) {
    for (int I = 0; I < N; ++I)
      ++*Counter;
    print(current_thread().name(), "counted", Counter.get());
  };
  Thread E({.name = "E"}, Count, 3), F({.name = "F"}, Count, 5);
  E.start();
  E.join();
  F.start();
  F.join();
  Count(1);
  // CHECK-NEXT: E counted 3
  // CHECK-NEXT: F counted 5
  // CHECK-NEXT: MainThread counted 1

  // Several attributes: a struct.
  struct Request {
    std::string User;
    int Id = 0;
  };
  local<Request> Ctx("request");
  Ctx.set({"ann", 7});
  print("request:", Ctx->User, Ctx->Id);
  // CHECK-NEXT: request: ann 7
}
