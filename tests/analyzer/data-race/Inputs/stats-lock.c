// The other half of cross-tu-wrapper*.c: lock wrappers defined in their
// own translation unit.
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

void stats_lock_take(void) { pthread_mutex_lock(&stats_lock); }
void stats_lock_give(void) { pthread_mutex_unlock(&stats_lock); }
