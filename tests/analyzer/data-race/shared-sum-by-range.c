// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'sum'
#include <pthread.h>
#include <stdio.h>
#define NT 4
int sum = 0;
int data[1000];
void *partial(void *arg) { int id = *(int *)arg; for (int i = id * 250; i < (id + 1) * 250; i++) sum += data[i]; return NULL; }
int main(void) { pthread_t t[NT]; int ids[NT]; for (int i = 0; i < 1000; i++) data[i] = 1; for (int i = 0; i < NT; i++) { ids[i] = i; pthread_create(&t[i], NULL, partial, &ids[i]); } for (int i = 0; i < NT; i++) pthread_join(t[i], NULL); printf("%d\n", sum); return 0; }
