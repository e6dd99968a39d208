// Tasks submitted to a weft ThreadPoolExecutor update a global unlocked.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/futures.h>

int processed;

int handle(int x) {
  // CHECK: :[[@LINE+1]]:3: warning: data race on 'processed': written here by thread 'handle' (no lock held) and written at line [[#@LINE+1]] by another instance of thread 'handle' (no lock held) [data-race]
  processed += 1;
  return x * 2;
}

int main() {
  weft::futures::ThreadPoolExecutor ex(4);
  std::vector<weft::futures::Future<int>> fs;
  for (int i = 0; i < 10; ++i)
    fs.push_back(ex.submit(handle, i));
  int s = 0;
  for (auto &f : fs)
    s += f.result();
  ex.shutdown();
  return s + processed;
}
