// The twin of constant-argument-gate-clean.c with the write after
// gate(LETGO): the locks are given back, the write races with the reader.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
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
  gate(LETGO);
  table_size *= 2;
  // CHECK: [[@LINE-1]]:3: warning: data race on 'table_size': written here by thread 'grower' (no lock held) and read at line [[#@LINE+11]] by thread 'reader' (holding 'b', 'a') [data-race]
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
