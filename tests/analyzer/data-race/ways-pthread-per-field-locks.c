// C: two mutexes guard two fields; one thread updates 'count' under the
// lock of 'name'. Both hold a lock, not the same one: a race on count.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>

struct stats {
  pthread_mutex_t count_lock, name_lock;
  int count;
  char name[16];
};
static struct stats st = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0, ""};

static void *rename_and_count(void *arg) {
  (void)arg;
  pthread_mutex_lock(&st.name_lock);
  st.name[0] = 'x';
  // CHECK: :[[@LINE+1]]:6: warning: data race on 'st.count': written here by thread 'rename_and_count' (holding 'st.name_lock') and written at line [[#@LINE+9]] by thread 'count' (holding 'st.count_lock') [data-race]
  st.count++;
  pthread_mutex_unlock(&st.name_lock);
  return 0;
}

static void *count(void *arg) {
  (void)arg;
  pthread_mutex_lock(&st.count_lock);
  st.count++;
  pthread_mutex_unlock(&st.count_lock);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, rename_and_count, 0);
  pthread_create(&b, 0, count, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
