// Seed 004 (线程锁-互斥锁): ten threads append to a global list without the
// lock while ten others pop from it with the lock held:
// `with lock: if not list: time.sleep(1E-7); list.pop()`.
// Lesson (as the notes state it): `+=`, `if`, `while` on shared data are
// unsafe and need a lock, while append and pop "are safe, the lock is
// optional" -- true only under CPython's GIL.
// Bugs (kept): the appends take no lock, so they race with each other and
// with the locked pops (a data race on the list); and `if not list:
// sleep(1E-7)` does not wait until the list has an item, so a pop can still
// find it empty: Python raises IndexError("pop from empty list") in that
// popper thread, which ends.
//
//   from threading import Thread,Lock
//   import time
#include <weft/weft.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace weft;
using threading::Thread, threading::Lock, threading::Guard;

// Python's IndexError is weft::IndexError (weft/errors.h): like Python's
// list.pop(), List::pop() below raises it when the list is empty. A thread
// that dies of it prints Python's "Exception in thread ..." traceback line
// and the other threads go on, as in Python (a popper that finds the list
// empty between its check and its pop is the race this sample shows).


// The global `list` of ints. Under the GIL, list.append and list.pop are
// atomic; in C++ nothing is. A std::vector whose push_back races would
// reallocate under the other threads and crash, so the list is plain
// memory: its items live in storage large enough for every append of the
// program (10 x 500000), and its length is a plain (volatile) variable. The
// racing appends and pops then lose updates of the length, exactly the data
// race of the lesson, instead of corrupting the heap. (volatile only keeps
// every read and write in the program, as in L01; it is not synchronization.)
struct List {
  std::vector<int> items = std::vector<int>(10 * 500000);
  volatile long size = 0;

  void append(int x) { // list.append(x)
    long n = size;
    items[n] = x;
    size = n + 1;
  }
  int pop() { // list.pop()
    long n = size;
    if (n == 0)
      throw IndexError("pop from empty list");
    size = n - 1;
    return items[n - 1];
  }
  bool empty() const { return size == 0; } // not list
};

List list; // list = []
long count = 500000; // appends (and pops) per thread; argv[1] can lower it
void append() {
  for (long i = 0; i < count; ++i)
    list.append(1);
}

void pop(Lock &lock) {
  for (long i = 0; i < count; ++i) {
    Guard<Lock> with(lock); // with lock:
    if (list.empty())
      time::sleep(1E-7);
    list.pop();
  }
}

// print(list): Python's repr of a list of ints.
std::string repr(const List &l) {
  std::string s = "[";
  for (long i = 0; i < l.size; ++i)
    s += (i ? ", " : "") + std::to_string(l.items[i]);
  return s + "]";
}

int main(int argc, char **argv) {
  // t_1 = []: Python's list of threads; it keeps the Thread objects alive.
  if (argc > 1 && std::stol(argv[1]) < count) count = std::stol(argv[1]);
  std::vector<std::unique_ptr<Thread>> t_1;
  Lock lock; // lock = Lock()
  for (int i = 0; i < 10; ++i) {
    t_1.push_back(std::make_unique<Thread>(append)); // t1=Thread(target=append)
    t_1.back()->start();                              // t1.start()
    // t2=Thread(target=pop,args=(lock,)); std::ref shares the lock
    t_1.push_back(std::make_unique<Thread>(pop, std::ref(lock)));
    t_1.back()->start(); // t2.start()
  }
  for (auto &t : t_1)
    t->join();
  print(repr(list));
}
