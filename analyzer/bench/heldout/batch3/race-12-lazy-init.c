/* racy: lazy initialisation of a shared buffer without a lock */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static char *buffer = NULL;

static char *get_buffer(void) {
  if (buffer == NULL) {
    buffer = malloc(256);
    memset(buffer, 0, 256);
  }
  return buffer;
}

static void *task(void *arg) {
  char *b = get_buffer();
  b[(long)arg] = 'x';
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, task, (void *)1);
  pthread_create(&b, NULL, task, (void *)2);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
