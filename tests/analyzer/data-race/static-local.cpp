// A function-local static is shared by every thread calling the function.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <thread>

int next_id() {
  static int id = 0;
  // CHECK: :[[@LINE+1]]:12: warning: data race on 'id': written here by thread 'next_id' (no lock held) and written at line [[#@LINE+1]] by thread 'next_id' (no lock held) [data-race]
  return ++id;
}

int main() {
  std::thread a(next_id), b(next_id);
  a.join();
  b.join();
}
