// A known, accepted race suppressed with a comment: nothing reported.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>

int stats_counter;

void work() {
  // weft-ignore(data-race): approximate statistics are fine here
  stats_counter++;
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
}
