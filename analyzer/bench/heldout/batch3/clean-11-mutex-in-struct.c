/* clean: the lock lives in the shared struct, every access holds it */
#include <pthread.h>
#include <stdio.h>

typedef struct {
  pthread_mutex_t mu;
  int items[16];
  int n;
} stack_t2;

void push(stack_t2 *s, int v) {
  pthread_mutex_lock(&s->mu);
  if (s->n < 16)
    s->items[s->n++] = v;
  pthread_mutex_unlock(&s->mu);
}

int pop(stack_t2 *s) {
  int v = -1;
  pthread_mutex_lock(&s->mu);
  if (s->n > 0)
    v = s->items[--s->n];
  pthread_mutex_unlock(&s->mu);
  return v;
}

void *pusher(void *arg) {
  stack_t2 *s = arg;
  for (int i = 0; i < 8; i++)
    push(s, i);
  return NULL;
}

void *popper(void *arg) {
  stack_t2 *s = arg;
  for (int i = 0; i < 8; i++)
    pop(s);
  return NULL;
}

int main(void) {
  stack_t2 s;
  pthread_mutex_init(&s.mu, NULL);
  s.n = 0;
  pthread_t a, b;
  pthread_create(&a, NULL, pusher, &s);
  pthread_create(&b, NULL, popper, &s);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d left\n", s.n);
  pthread_mutex_destroy(&s.mu);
  return 0;
}
