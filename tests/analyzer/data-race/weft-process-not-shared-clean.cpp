// Process targets get a copy of memory: not a race with the parent.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <utility>

// weft's Process (by name; its header may not be included here).
namespace weft::multiprocessing {
class Process {
public:
  template <class F, class... A> explicit Process(F &&, A &&...) {}
  void start() {}
  void join() {}
};
} // namespace weft::multiprocessing

int counter;

void child() { counter += 100; }

int main() {
  weft::multiprocessing::Process p(child);
  p.start();
  counter += 1;
  p.join();
  return counter;
}
