// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>
long total; pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
void *sum(void *arg) { long local = 0; long *v = arg; for (int i = 0; i < 100; i++) local += v[i]; pthread_mutex_lock(&m); total += local; pthread_mutex_unlock(&m); return 0; }
int main() { static long data[4][100]; pthread_t t[4]; for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, sum, data[i]); for (int i = 0; i < 4; i++) pthread_join(t[i], 0); printf("%ld\n", total); }
