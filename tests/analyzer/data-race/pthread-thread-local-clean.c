// Thread-local storage and locals of the thread function are per thread.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

__thread int scratch;
_Thread_local long calls;

static void helper(int *out) { *out += 1; }

void *work(void *arg) {
  (void)arg;
  int local = 0;
  for (int i = 0; i < 100; i++) {
    scratch += i;
    calls++;
    helper(&local);
  }
  return (void *)(long)local;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, work, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return 0;
}
