// slot_trylock() returns the slot's lock when it took it (NULL when it is
// busy): the mover writes the slot only when it got the lock back, and
// gives it back through slot_unlock(l). The writer takes the same lock
// class by hand.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
#include <stddef.h>

#define NSLOTS 8
static pthread_mutex_t slot_locks[NSLOTS];
static int slots[NSLOTS];
static unsigned hot = 3; // the busiest slot

static void *slot_trylock(unsigned i) {
  pthread_mutex_t *l = &slot_locks[i % NSLOTS];
  if (pthread_mutex_trylock(l) == 0)
    return l;
  return NULL;
}

static void slot_unlock(void *l) { pthread_mutex_unlock((pthread_mutex_t *)l); }

static void *mover(void *arg) {
  (void)arg;
  unsigned i = hot;
  for (int n = 0; n < 100; n++) {
    void *l = NULL;
    if ((l = slot_trylock(i))) {
      slots[i % NSLOTS] += 1;
    }
    if (l) {
      slot_unlock(l);
      l = NULL;
    }
  }
  return NULL;
}

static void *writer(void *arg) {
  (void)arg;
  unsigned i = hot;
  pthread_mutex_lock(&slot_locks[i % NSLOTS]);
  slots[i % NSLOTS] = 0;
  pthread_mutex_unlock(&slot_locks[i % NSLOTS]);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, mover, (void *)3);
  pthread_create(&y, 0, writer, (void *)3);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
