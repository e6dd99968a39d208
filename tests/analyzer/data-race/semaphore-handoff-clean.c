// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <semaphore.h>
int buffer; sem_t full, empty;
void *producer(void *a) { for (int i = 0; i < 10; i++) { sem_wait(&empty); buffer = i; sem_post(&full); } return 0; }
void *consumer(void *a) { long s = 0; for (int i = 0; i < 10; i++) { sem_wait(&full); s += buffer; sem_post(&empty); } return (void*)s; }
int main() { sem_init(&full, 0, 0); sem_init(&empty, 0, 1); pthread_t p, c; pthread_create(&p, 0, producer, 0); pthread_create(&c, 0, consumer, 0); pthread_join(p, 0); pthread_join(c, 0); }
