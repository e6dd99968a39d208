// A detached thread keeps running while main writes the flag.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <thread>

bool done = false;
int progress = 0;

void background() {
  while (!done)
    ++progress;
}
// CHECK: :[[@LINE-3]]:11: warning: data race on 'done': read here by thread 'background' (no lock held) and written at line [[#@LINE+7]] by 'main' while the threads it started run (no lock held) [data-race]
// CHECK: :[[@LINE-3]]:7: warning: data race on 'progress': written here by thread 'background' (no lock held) and read at line [[#@LINE+5]] by 'main' while the threads it started run (no lock held) [data-race]

int main() {
  std::thread t(background);
  t.detach();
  int seen = progress;
  done = true;
  return seen;
}
