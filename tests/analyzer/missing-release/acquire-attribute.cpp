// A function declared ACQUIRE returns holding the lock on purpose: it is
// not reported itself, but a caller that never releases what it took is.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mu {
public:
  void Lock() ACQUIRE() { m_.lock(); }
  void Unlock() RELEASE() { m_.unlock(); }

private:
  std::mutex m_;
};

Mu table_mu;
int table[16];

int read_slot(int i) {
  table_mu.Lock();
  int v = table[i & 15];
  table_mu.Unlock();
  return v;
}

int read_slot_leaky(int i) {
  table_mu.Lock();
  // CHECK: [[@LINE-1]]:3: warning: 'table_mu' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
  if (i < 0)
    return -1;
  // CHECK: :[[#@LINE-1]]:5: note: returns here with 'table_mu' held
  int v = table[i & 15];
  table_mu.Unlock();
  return v;
}

int main() { return read_slot(1) + read_slot_leaky(2); }
