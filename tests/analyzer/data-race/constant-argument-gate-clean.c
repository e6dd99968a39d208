// A function whose constant argument chooses between taking and giving
// back the locks (memcached's pause_threads(PAUSE / RESUME)): the call
// gate(HOLD) returns holding them, so the write between the two calls is
// under the locks the other thread takes. Also an int flag (hold_b(1)).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

enum gate_mode { HOLD, LETGO, NOTHING };

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int table_size;

static void gate(enum gate_mode m) {
  switch (m) {
  case HOLD:
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    break;
  case LETGO:
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    break;
  default:
    break;
  }
}

static void hold_b(int take) {
  if (take)
    pthread_mutex_lock(&b);
  else
    pthread_mutex_unlock(&b);
}

static void *grower(void *arg) {
  (void)arg;
  gate(HOLD);
  table_size *= 2;
  gate(LETGO);
  hold_b(1);
  table_size += 1;
  hold_b(0);
  return 0;
}

static void *reader(void *arg) {
  (void)arg;
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  int n = table_size;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return (void *)(long)n;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, grower, 0);
  pthread_create(&y, 0, reader, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
