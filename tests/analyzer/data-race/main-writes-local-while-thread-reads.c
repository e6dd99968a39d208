// main updates a local the thread reads through its argument.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'x'
#include <pthread.h>
#include <unistd.h>
void *reader(void *arg) { int *p = arg; int s = 0; for (int i = 0; i < 100; i++) s += *p; return (void*)(long)s; }
int main() { int x = 0; pthread_t t; pthread_create(&t, 0, reader, &x); for (int i = 0; i < 100; i++) x++; pthread_join(t, 0); return 0; }
