// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>
#define NT 4
int data[1000]; int partial[NT];
void *work(void *arg) { int id = *(int *)arg; int s = 0; for (int i = id * 250; i < (id + 1) * 250; i++) s += data[i]; partial[id] = s; return NULL; }
int main(void) { pthread_t t[NT]; int ids[NT]; for (int i = 0; i < 1000; i++) data[i] = 1; for (int i = 0; i < NT; i++) { ids[i] = i; pthread_create(&t[i], NULL, work, &ids[i]); } int sum = 0; for (int i = 0; i < NT; i++) { pthread_join(t[i], NULL); sum += partial[i]; } printf("%d\n", sum); return 0; }
