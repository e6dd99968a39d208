/* clean (lock order): one thread releases a before taking b, the other nests b then a */
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int va, vb;

void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&a);
  va++;
  pthread_mutex_unlock(&a);
  pthread_mutex_lock(&b);
  vb++;
  pthread_mutex_unlock(&b);
  return 0;
}

void *second(void *arg) {
  (void)arg;
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  va += vb;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, first, 0);
  pthread_create(&t2, 0, second, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
