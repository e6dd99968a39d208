// A weft Thread subclass updates an object its constructor was given.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

using namespace weft::threading;

struct Stats {
  int count = 0;
};

class Worker : public Thread {
public:
  explicit Worker(Stats &s) : stats(s) {}
  void run() override {
    for (int i = 0; i < 10; ++i) {
      // CHECK: :[[@LINE+1]]:13: warning: data race on 'shared.count': written here by thread 'Worker::run' (no lock held) and written at line [[#@LINE+1]] by thread 'Worker::run' (no lock held) [data-race]
      stats.count += 1;
      mine += 1; // each Worker's own field
    }
  }
  Stats &stats;
  int mine = 0;
};
// CHECK-NEXT: note: conflicting write of 'shared.count'
// CHECK-NEXT: :[[#@LINE+5]]:10: note: thread 'Worker::run' started here (Thread subclass 'Worker')
// CHECK-NEXT: :[[#@LINE+5]]:10: note: thread 'Worker::run' started here (Thread subclass 'Worker')

int main() {
  Stats shared;
  Worker a(shared);
  Worker b(shared);
  a.start();
  b.start();
  a.join();
  b.join();
  return shared.count;
}
