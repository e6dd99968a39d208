// The balance is checked outside the lock that guards the withdrawal.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'balance'
#include <pthread.h>
#include <stdio.h>
long balance = 1000;
pthread_mutex_t lk = PTHREAD_MUTEX_INITIALIZER;
void withdraw(long amt) { if (balance >= amt) { pthread_mutex_lock(&lk); balance -= amt; pthread_mutex_unlock(&lk); } }
void *client(void *a) { withdraw(600); return 0; }
int main() { pthread_t a, b; pthread_create(&a, 0, client, 0); pthread_create(&b, 0, client, 0); pthread_join(a, 0); pthread_join(b, 0); printf("%ld\n", balance); }
