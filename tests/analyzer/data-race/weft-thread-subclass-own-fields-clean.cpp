// Thread subclasses writing only their own fields; main reads after join.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <weft/threading.h>

using namespace weft::threading;

class Summer : public Thread {
public:
  explicit Summer(int n) : n(n) {}
  void run() override {
    for (int i = 0; i < n; ++i)
      total += i;
  }
  int n;
  long total = 0;
};

int main() {
  Summer a(10), b(20);
  a.start();
  b.start();
  a.join();
  b.join();
  return static_cast<int>(a.total + b.total);
}
