// A pthread mutex unlocked twice on one path.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// REQUIRES: analyzer
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int x;

void f(void) {
  pthread_mutex_lock(&m);
  x++;
  pthread_mutex_unlock(&m);
  // CHECK: :[[@LINE+1]]:3: error: 'm' released here although it is not held on any path reaching this release (already released) [release-unheld]
  pthread_mutex_unlock(&m);
}
