// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'stop'
#include <pthread.h>
#include <stdbool.h>
bool stop = false;
long iterations = 0;
void *spinner(void *a) { while (!stop) iterations++; return 0; }
int main() { pthread_t t; pthread_create(&t, 0, spinner, 0); for (volatile int i = 0; i < 100000; i++); stop = true; pthread_join(t, 0); return (int)iterations; }
