// Two helpers each start and join their own threads: the phases do not
// overlap.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>

int shared_value;

void phase_one_work() { shared_value = 1; }
void phase_two_work() { shared_value = 2; }

void phase_one() {
  std::thread t(phase_one_work);
  t.join();
}

void phase_two() {
  std::thread t(phase_two_work);
  t.join();
}

int main() {
  phase_one();
  phase_two();
  return shared_value;
}
