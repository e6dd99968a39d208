// Spinning on a plain (non-atomic) flag set by main.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'flag'
// CHECK: warning: data race on 'value'
#include <pthread.h>
#include <stdio.h>
int flag; int value;
void *waiter(void *a) { while (!flag) ; printf("%d\n", value); return 0; }
int main() { pthread_t t; pthread_create(&t, 0, waiter, 0); value = 42; flag = 1; pthread_join(t, 0); return 0; }
