// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'q.items[*]'
#include <pthread.h>
struct queue { int items[16]; int head, tail; pthread_mutex_t lock; };
struct queue q = { .lock = PTHREAD_MUTEX_INITIALIZER };
void enqueue(struct queue *qq, int v) { pthread_mutex_lock(&qq->lock); qq->items[qq->tail++ % 16] = v; pthread_mutex_unlock(&qq->lock); }
int dequeue(struct queue *qq) { int v = qq->items[qq->head++ % 16]; return v; }
void *prod(void *a) { for (int i = 0; i < 8; i++) enqueue(&q, i); return 0; }
void *cons(void *a) { int s = 0; for (int i = 0; i < 8; i++) s += dequeue(&q); return (void *)(long)s; }
int main() { pthread_t p, c; pthread_create(&p, 0, prod, 0); pthread_create(&c, 0, cons, 0); pthread_join(p, 0); pthread_join(c, 0); }
