// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdlib.h>
typedef struct { int *arr; int n; long sum; } job_t;
void *run(void *p) { job_t *j = p; for (int i = 0; i < j->n; i++) j->sum += j->arr[i]; return 0; }
int main() { int data[100]; for (int i = 0; i < 100; i++) data[i] = i; job_t jobs[2] = {{data, 50, 0}, {data + 50, 50, 0}}; pthread_t t[2]; for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, run, &jobs[i]); for (int i = 0; i < 2; i++) pthread_join(t[i], 0); return jobs[0].sum + jobs[1].sum; }
