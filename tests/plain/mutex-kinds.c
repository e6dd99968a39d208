/* What pthreads says through error codes is kept under weft: an errorcheck
 * mutex relocked by its owner gives EDEADLK and unlocked by another thread
 * EPERM, a recursive mutex may be relocked and counts, trylock on a held
 * mutex gives EBUSY, timedlock on a held one ETIMEDOUT, destroying a held
 * mutex EBUSY; pthread_join hands back the thread's value and
 * pthread_exit's. No finding: these are all answered, nothing blocks.
 * RUN: %weft cc %s -o %t
 * RUN: %t 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=weft:
 * CHECK:      errorcheck relock: EDEADLK
 * CHECK-NEXT: errorcheck unlock by another thread: EPERM
 * CHECK-NEXT: recursive: 0 0 0 0 then trylock elsewhere: EBUSY
 * CHECK-NEXT: trylock held: EBUSY
 * CHECK-NEXT: timedlock held: ETIMEDOUT
 * CHECK-NEXT: destroy held: EBUSY
 * CHECK-NEXT: destroy free: 0
 * CHECK-NEXT: join values: 42 7
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t ec, rec;
static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;

static const char *name(int rc) {
  switch (rc) {
  case 0: return "0";
  case EDEADLK: return "EDEADLK";
  case EPERM: return "EPERM";
  case EBUSY: return "EBUSY";
  case ETIMEDOUT: return "ETIMEDOUT";
  default: return strerror(rc);
  }
}

static void *unlock_ec(void *arg) {
  (void)arg;
  printf("errorcheck unlock by another thread: %s\n",
         name(pthread_mutex_unlock(&ec)));
  return NULL;
}

static void *try_rec(void *arg) {
  (void)arg;
  printf(" then trylock elsewhere: %s\n", name(pthread_mutex_trylock(&rec)));
  return NULL;
}

static void *try_plain(void *arg) {
  (void)arg;
  printf("trylock held: %s\n", name(pthread_mutex_trylock(&plain)));
  struct timespec at;
  clock_gettime(CLOCK_REALTIME, &at);
  at.tv_nsec += 1000000; /* 1 ms */
  if (at.tv_nsec >= 1000000000) {
    at.tv_nsec -= 1000000000;
    at.tv_sec += 1;
  }
  printf("timedlock held: %s\n", name(pthread_mutex_timedlock(&plain, &at)));
  return NULL;
}

static void *answer(void *arg) { return (void *)(long)arg; }

static void *leave(void *arg) {
  (void)arg;
  pthread_exit((void *)7L);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&ec, &a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&rec, &a);
  pthread_mutexattr_destroy(&a);

  pthread_t t;
  pthread_mutex_lock(&ec);
  printf("errorcheck relock: %s\n", name(pthread_mutex_lock(&ec)));
  pthread_create(&t, NULL, unlock_ec, NULL);
  pthread_join(t, NULL);
  pthread_mutex_unlock(&ec);

  int r1 = pthread_mutex_lock(&rec), r2 = pthread_mutex_lock(&rec);
  int r3 = pthread_mutex_unlock(&rec);
  printf("recursive: %d %d %d", r1, r2, r3);
  printf(" %d", pthread_mutex_trylock(&rec));
  fflush(stdout);
  pthread_create(&t, NULL, try_rec, NULL);
  pthread_join(t, NULL);
  pthread_mutex_unlock(&rec);
  pthread_mutex_unlock(&rec);

  pthread_mutex_lock(&plain);
  pthread_create(&t, NULL, try_plain, NULL);
  pthread_join(t, NULL);
  printf("destroy held: %s\n", name(pthread_mutex_destroy(&plain)));
  pthread_mutex_unlock(&plain);
  printf("destroy free: %s\n", name(pthread_mutex_destroy(&plain)));

  void *v1, *v2;
  pthread_t a1, a2;
  pthread_create(&a1, NULL, answer, (void *)42L);
  pthread_create(&a2, NULL, leave, NULL);
  pthread_join(a1, &v1);
  pthread_join(a2, &v2);
  printf("join values: %ld %ld\n", (long)v1, (long)v2);
  return 0;
}
