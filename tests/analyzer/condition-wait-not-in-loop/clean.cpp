// Waits in loops, or with a predicate.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <condition_variable>
#include <mutex>
#include <pthread.h>
#include <weft/threading.h>

std::mutex m;
std::condition_variable cv;
bool ready;
weft::threading::Condition cond;
int items;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t pc = PTHREAD_COND_INITIALIZER;

void a() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return ready; });
  while (!ready)
    cv.wait(lk);
}

void b() {
  cond.acquire();
  while (items == 0)
    cond.wait();
  cond.wait_for([] { return items > 0; });
  items--;
  cond.release();
}

void c() {
  pthread_mutex_lock(&pm);
  do {
    pthread_cond_wait(&pc, &pm);
  } while (!ready);
  pthread_mutex_unlock(&pm);
}
