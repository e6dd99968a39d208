// std::async tasks update a global; get() waits for them.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <future>

int total;

int part(int n) {
  // CHECK: :[[@LINE+1]]:3: warning: data race on 'total': written here by thread 'part' (no lock held) and written at line [[#@LINE+1]] by thread 'part' (no lock held) [data-race]
  total += n;
  return n;
}

int main() {
  auto a = std::async(std::launch::async, part, 1);
  auto b = std::async(std::launch::async, part, 2);
  int r = a.get() + b.get();
  return r + total;
}
