/* Valid C, not C++: 'new' is a name, malloc's void * converts implicitly.
   Parsed as C++ it has errors; as C, a data race on 'total'. */
#include <pthread.h>
#include <stdlib.h>

static int total;

static void *add(void *new) {
  int *n = malloc(sizeof *n);
  *n = *(int *)new;
  total += *n;
  free(n);
  return 0;
}

int main(void) {
  pthread_t a, b;
  int one = 1;
  pthread_create(&a, 0, add, &one);
  pthread_create(&b, 0, add, &one);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return total;
}
