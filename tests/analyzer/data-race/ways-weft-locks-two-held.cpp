// One thread holds two locks, the other holds a third: no lock is common
// to both accesses, so the write and the read race.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

weft::threading::Lock a, b, c;
int level;

void raise_level() {
  a.acquire();
  b.acquire();
  // CHECK: :[[@LINE+1]]:3: warning: data race on 'level': written here by thread 'raise_level' (holding 'a', 'b') and read at line [[#@LINE+9]] by thread 'read_level' (holding 'c') [data-race]
  level = level + 1;
  b.release();
  a.release();
}

int seen;
void read_level() {
  c.acquire();
  seen = level;
  c.release();
}

int main() {
  weft::threading::Thread t1(raise_level), t2(read_level);
  t1.start();
  t2.start();
  t1.join();
  t2.join();
}
