// Tasks given to a well-known thread pool (BS::thread_pool's detach_task /
// submit_task, declared here as the library declares them) run
// concurrently: an unlocked counter they all bump is a race, the locked
// one is not.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <future>
#include <mutex>

namespace BS {
class thread_pool {
public:
  explicit thread_pool(unsigned n);
  template <typename F> void detach_task(F &&task);
  template <typename F> std::future<void> submit_task(F &&task);
  void wait();
};
} // namespace BS

std::mutex m;
long locked_hits;
long bare_hits;

void count_locked() {
  std::lock_guard<std::mutex> g(m);
  ++locked_hits;
}

void count_bare() {
  ++bare_hits;
  // CHECK: [[@LINE-1]]:5: warning: data race on 'bare_hits': written here by thread 'count_bare' (no lock held) and written at line [[#@LINE-1]] by another instance of thread 'count_bare' (no lock held) [data-race]
}

int main() {
  BS::thread_pool pool(4);
  for (int i = 0; i < 8; ++i) {
    pool.detach_task(count_locked);
    pool.detach_task(count_bare);
  }
  std::future<void> f = pool.submit_task(count_locked);
  f.get();
  pool.wait();
  return (int)(locked_hits + bare_hits);
}
