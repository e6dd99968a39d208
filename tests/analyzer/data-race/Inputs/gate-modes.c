// The other half of constant-argument-cross-tu*.c: a function whose enum
// argument chooses between taking the locks (returning holding them) and
// giving them back, in its own translation unit.
#include <pthread.h>

enum gate_mode { GATE_HOLD, GATE_LETGO, GATE_WORKERS_ONLY };

pthread_mutex_t gate_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t gate_b = PTHREAD_MUTEX_INITIALIZER;

void gate_set(enum gate_mode m) {
  switch (m) {
  case GATE_HOLD:
    pthread_mutex_lock(&gate_a);
    // fall through
  case GATE_WORKERS_ONLY:
    pthread_mutex_lock(&gate_b);
    break;
  case GATE_LETGO:
    pthread_mutex_unlock(&gate_b);
    pthread_mutex_unlock(&gate_a);
    break;
  }
}
