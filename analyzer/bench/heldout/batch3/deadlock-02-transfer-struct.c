/* deadlock: transfer(a, b) and transfer(b, a) lock from then to */
#include <pthread.h>
#include <stdio.h>

struct account {
  pthread_mutex_t m;
  int balance;
};

struct account acc_a = {PTHREAD_MUTEX_INITIALIZER, 100};
struct account acc_b = {PTHREAD_MUTEX_INITIALIZER, 100};

void transfer(struct account *from, struct account *to, int amt) {
  pthread_mutex_lock(&from->m);
  pthread_mutex_lock(&to->m);
  from->balance -= amt;
  to->balance += amt;
  pthread_mutex_unlock(&to->m);
  pthread_mutex_unlock(&from->m);
}

void *a_to_b(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    transfer(&acc_a, &acc_b, 1);
  return NULL;
}

void *b_to_a(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    transfer(&acc_b, &acc_a, 1);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, a_to_b, NULL);
  pthread_create(&t2, NULL, b_to_a, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  printf("%d %d\n", acc_a.balance, acc_b.balance);
  return 0;
}
