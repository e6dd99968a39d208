// The other half of ../cross-tu.cpp: 'second' then 'first'.
#include <mutex>

extern std::mutex first, second;
int counter;

void backward() {
  std::lock_guard<std::mutex> b(second);
  std::lock_guard<std::mutex> a(first);
  ++counter;
}
