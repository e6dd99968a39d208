/* clean: every thread gets its own malloc'ed argument and writes only there */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  int id;
  double result;
} task_t;

void *compute(void *p) {
  task_t *t = (task_t *)p;
  double r = 0;
  for (int i = 1; i <= 100; i++)
    r += (double)t->id / i;
  t->result = r;
  return NULL;
}

int main(void) {
  pthread_t th[4];
  task_t *tasks[4];
  for (int i = 0; i < 4; i++) {
    tasks[i] = malloc(sizeof(task_t));
    tasks[i]->id = i;
    tasks[i]->result = 0;
    pthread_create(&th[i], NULL, compute, tasks[i]);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    printf("%d: %f\n", tasks[i]->id, tasks[i]->result);
    free(tasks[i]);
  }
  return 0;
}
