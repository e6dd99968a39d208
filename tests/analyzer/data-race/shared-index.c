// Two threads use and bump a shared index without a lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'arr[*]'
// CHECK: warning: data race on 'idx'
#include <pthread.h>
int idx; int arr[100];
void *w(void *a) { for (int i = 0; i < 10; i++) { arr[idx] = i; idx++; } return 0; }
int main() { pthread_t t1, t2; pthread_create(&t1, 0, w, 0); pthread_create(&t2, 0, w, 0); pthread_join(t1, 0); pthread_join(t2, 0); return idx; }
