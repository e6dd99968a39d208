// Analyzed beside ../broken-file.cpp.
#include <mutex>

std::mutex m;

void g() {
  m.lock();
  m.lock();
  m.unlock();
  m.unlock();
}
