// clean: an atomic counter, the plain result written by main after joining
#include <atomic>
#include <iostream>
#include <thread>

std::atomic<int> hits{0};
int final_hits = 0;

void worker() {
  for (int i = 0; i < 1000; i++)
    hits.fetch_add(1);
}

int main() {
  std::thread t1(worker);
  std::thread t2(worker);
  t1.join();
  t2.join();
  final_hits = hits.load();
  std::cout << final_hits << "\n";
}
