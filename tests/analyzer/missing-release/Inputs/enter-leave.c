// The other half of cross-tu-helper.c: a lock and its enter/leave helpers.
#include <pthread.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

void table_enter(void) { pthread_mutex_lock(&table_lock); }
void table_leave(void) { pthread_mutex_unlock(&table_lock); }
