// weft Threads created and started in a loop share a global.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

#include <memory>
#include <vector>

using namespace weft::threading;

int done_count;

void task() {
  // CHECK: :[[@LINE+1]]:3: warning: data race on 'done_count': written here by thread 'task' (no lock held) and written at line [[#@LINE+1]] by another instance of thread 'task' (no lock held) [data-race]
  done_count++;
}

int main() {
  std::vector<std::unique_ptr<Thread>> ts;
  for (int i = 0; i < 5; ++i) {
    ts.push_back(std::make_unique<Thread>(task));
    ts.back()->start();
  }
  for (auto &t : ts)
    t->join();
  return done_count;
}
