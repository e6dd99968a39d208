// The twin of constant-argument-cross-tu-clean.c: gate_set(GATE_WORKERS_ONLY)
// takes only gate_b, so the write is not under the reader's gate_a.
// RUN: %expect-exit 1 %weft analyze %s %S/Inputs/gate-modes.c --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

enum gate_mode { GATE_HOLD, GATE_LETGO, GATE_WORKERS_ONLY };
void gate_set(enum gate_mode m);
extern pthread_mutex_t gate_a;

static int buckets;

static void *expander(void *arg) {
  (void)arg;
  gate_set(GATE_WORKERS_ONLY);
  buckets *= 2;
  // CHECK: [[@LINE-1]]:3: warning: data race on 'buckets': written here by thread 'expander' (holding 'gate_b') and read at line [[#@LINE+8]] by thread 'reader' (holding 'gate_a') [data-race]
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
