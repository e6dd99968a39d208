// Lazy initialisation without a lock.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'ptr'
// CHECK: warning: data race on '*ptr'
#include <pthread.h>
#include <stdlib.h>
int *ptr;
void *init(void *a) { if (!ptr) { ptr = malloc(4); *ptr = 1; } return 0; }
int main() { pthread_t t[3]; for (int i=0;i<3;i++) pthread_create(&t[i],0,init,0); for (int i=0;i<3;i++) pthread_join(t[i],0); return *ptr; }
