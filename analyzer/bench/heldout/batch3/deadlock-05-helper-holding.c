/* deadlock: a helper takes lock_a while the caller holds lock_b, the other thread nests a then b */
#include <pthread.h>

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int shared_a, shared_b;

void update_a(int v) {
  pthread_mutex_lock(&lock_a);
  shared_a = v;
  pthread_mutex_unlock(&lock_a);
}

void *thread1(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  shared_b = shared_a + 1;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  return 0;
}

void *thread2(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock_b);
  update_a(shared_b);
  pthread_mutex_unlock(&lock_b);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, thread1, 0);
  pthread_create(&y, 0, thread2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
