// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stdlib.h>
typedef struct node { int v; struct node *next; } node;
node *head; pthread_mutex_t lk = PTHREAD_MUTEX_INITIALIZER;
void push(int v) { node *n = malloc(sizeof *n); n->v = v; pthread_mutex_lock(&lk); n->next = head; head = n; pthread_mutex_unlock(&lk); }
void *w(void *a) { for (int i = 0; i < 10; i++) push(i); return 0; }
int main() { pthread_t a, b; pthread_create(&a, 0, w, 0); pthread_create(&b, 0, w, 0); pthread_join(a, 0); pthread_join(b, 0); int n = 0; for (node *p = head; p; p = p->next) n++; return n; }
