#include <thread>

#include "race-hits.h"

int main() {
  std::thread t(count);
  hits += 10;
  t.join();
}
