/* clean (lock order): locks taken in increasing id order */
#include <pthread.h>

typedef struct {
  int id;
  pthread_mutex_t lock;
  int value;
} res_t;

res_t r1 = {1, PTHREAD_MUTEX_INITIALIZER, 0};
res_t r2 = {2, PTHREAD_MUTEX_INITIALIZER, 0};

void move_value(res_t *src, res_t *dst) {
  res_t *first = src->id < dst->id ? src : dst;
  res_t *second = src->id < dst->id ? dst : src;
  pthread_mutex_lock(&first->lock);
  pthread_mutex_lock(&second->lock);
  dst->value += src->value;
  src->value = 0;
  pthread_mutex_unlock(&second->lock);
  pthread_mutex_unlock(&first->lock);
}

void *t1(void *a) { (void)a; move_value(&r1, &r2); return 0; }
void *t2(void *a) { (void)a; move_value(&r2, &r1); return 0; }

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, t1, 0);
  pthread_create(&y, 0, t2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
