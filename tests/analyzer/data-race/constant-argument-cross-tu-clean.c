// gate_set(GATE_HOLD), defined in Inputs/gate-modes.c, returns holding
// both locks: the write between it and gate_set(GATE_LETGO) is under the
// lock the reader takes. The other unit leaves a summary for each value
// of the enum; this one applies the summary its constant names.
// RUN: %expect-exit 0 %weft analyze %s %S/Inputs/gate-modes.c --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>

enum gate_mode { GATE_HOLD, GATE_LETGO, GATE_WORKERS_ONLY };
void gate_set(enum gate_mode m);
extern pthread_mutex_t gate_a;

static int buckets;

static void *expander(void *arg) {
  (void)arg;
  gate_set(GATE_HOLD);
  buckets *= 2;
  gate_set(GATE_LETGO);
  return 0;
}

static void *reader(void *arg) {
  (void)arg;
  pthread_mutex_lock(&gate_a);
  int n = buckets;
  pthread_mutex_unlock(&gate_a);
  return (void *)(long)n;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, expander, 0);
  pthread_create(&y, 0, reader, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
