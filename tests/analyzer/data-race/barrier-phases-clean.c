// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#define N 4
pthread_barrier_t bar; int a[N], b[N];
void *step(void *arg) { long id = (long)arg; a[id] = id; pthread_barrier_wait(&bar); b[id] = a[(id + 1) % N]; return 0; }
int main() { pthread_t t[N]; pthread_barrier_init(&bar, 0, N); for (long i = 0; i < N; i++) pthread_create(&t[i], 0, step, (void*)i); for (int i = 0; i < N; i++) pthread_join(t[i], 0); return b[0]; }
