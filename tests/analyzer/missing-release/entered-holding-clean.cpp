// Functions entered holding a lock, which let go of it and take it again
// (a condition wait, `Unlock(); ...; Lock();`), functions asserting that
// it is held, and wrappers that return holding it on purpose (Clang's
// thread-safety attributes): none of them is a missing release.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <condition_variable>
#include <mutex>
#include <pthread.h>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
#define ASSERT_CAPABILITY(x) __attribute__((assert_capability(x)))

class CAPABILITY("mutex") Mu {
public:
  void Lock() ACQUIRE() { m_.lock(); }
  void Unlock() RELEASE() { m_.unlock(); }
  void AssertHeld() ASSERT_CAPABILITY(this) {}

private:
  friend class Cond;
  std::mutex m_;
};

// A condition variable over Mu: the wait adopts the caller's lock.
class Cond {
public:
  explicit Cond(Mu *mu) : mu_(mu) {}
  void Wait() {
    std::unique_lock<std::mutex> lk(mu_->m_, std::adopt_lock);
    cv_.wait(lk);
    lk.release();
  }
  void Signal() { cv_.notify_one(); }

private:
  std::condition_variable cv_;
  Mu *const mu_;
};

class SCOPED_CAPABILITY Hold {
public:
  explicit Hold(Mu *mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~Hold() RELEASE() { mu_->Unlock(); }

private:
  Mu *const mu_;
};

class Db {
public:
  void Put(int v) {
    Hold h(&mu_);
    while (busy_)
      done_.Wait();
    Flush();
    value_ = v;
  }
  int Get() {
    Hold h(&mu_);
    return value_;
  }

private:
  // Entered holding mu_; lets go of it while writing, takes it back.
  void Flush() REQUIRES(mu_) {
    mu_.AssertHeld();
    busy_ = true;
    mu_.Unlock();
    int copy = 0;
    copy++;
    mu_.Lock();
    busy_ = false;
    done_.Signal();
  }

  Mu mu_;
  Cond done_{&mu_};
  bool busy_ = false;
  int value_ = 0;
};

// pthreads: a helper that waits is entered with the caller's mutex held.
pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
int items;

static void wait_for_item_locked() {
  while (items == 0)
    pthread_cond_wait(&qcond, &qlock);
}

int take() {
  pthread_mutex_lock(&qlock);
  wait_for_item_locked();
  int v = items--;
  pthread_mutex_unlock(&qlock);
  return v;
}

// Lets go of the caller's lock around slow work and takes it back.
static void slow_part_unlocked() {
  pthread_mutex_unlock(&qlock);
  int x = 0;
  x++;
  pthread_mutex_lock(&qlock);
}

void put() {
  pthread_mutex_lock(&qlock);
  slow_part_unlocked();
  items++;
  pthread_cond_signal(&qcond);
  pthread_mutex_unlock(&qlock);
}

int main() {
  Db d;
  d.Put(1);
  put();
  return d.Get() + take();
}
