// Seed 003 §7 (ThreadLocal): a global threading.local() object; each thread
// binds its own `student` and reads it back in another function.
// Lesson: a local() attribute set in one thread is that thread's own value:
// process_student() needs no argument and still prints the name its own
// thread bound ("一个线程使用自己的局部变量比使用全局变量好"). Bug: none (clean).
//
//   import threading
#include <weft/weft.h>

#include <string>

using namespace weft;
using threading::Thread;

// 创建全局ThreadLocal对象: local_school = threading.local(); its attribute
// `student` is a local<std::string> named "student" (one attribute per
// weft::threading::local).
threading::local<std::string> local_school("student");

void process_student() {
  // 获取当前线程关联的student: std = local_school.student (`std` is C++'s
  // namespace, hence std_)
  std::string std_ = local_school.get();
  print("Hello," + std_ + " (in " + threading::current_thread().name() + ")");
}

void process_thread(std::string name) {
  // 绑定ThreadLocal的student: local_school.student = name
  local_school = name;
  process_student();
}

int main() {
  Thread thread1({.name = "Thread-1"}, process_thread, std::string("Willard"));
  Thread thread2({.name = "Thread-2"}, process_thread, std::string("WenYu"));
  thread1.start();
  thread2.start();
  thread1.join();
  thread2.join();
}

// Hello,Willard (in Thread-1)
// Hello,WenYu (in Thread-2)
