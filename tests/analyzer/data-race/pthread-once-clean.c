// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>
static int config_value;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static void init_config(void) { config_value = 42; }
void *use(void *a) { pthread_once(&once, init_config); return (void *)(long)config_value; }
int main() { pthread_t t[3]; for (int i = 0; i < 3; i++) pthread_create(&t[i], 0, use, 0); for (int i = 0; i < 3; i++) pthread_join(t[i], 0); printf("%d\n", config_value); }
