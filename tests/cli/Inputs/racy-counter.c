/* Two pthreads increment a global without a lock. */
#include <pthread.h>

static int counter;

static void *bump(void *arg) {
  (void)arg;
  counter++;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, bump, 0);
  pthread_create(&b, 0, bump, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return counter;
}
