#include <thread>

int counter;
int other;

void work() {
  counter++;
  other++; // weft-ignore(data-race): accepted in this test
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
}
