// clean: Thread subclass, shared counter and lock by reference, Guard around each update
#include <weft/threading.h>
#include <iostream>
using namespace weft::threading;

class Adder : public Thread {
public:
  Adder(int &total, Lock &lock) : total_(total), lock_(lock) {}
  void run() override {
    for (int i = 0; i < 1000; i++) {
      Guard g(lock_);
      total_++;
    }
  }
private:
  int &total_;
  Lock &lock_;
};

int main() {
  int total = 0;
  Lock lock;
  Adder a(total, lock), b(total, lock);
  a.start();
  b.start();
  a.join();
  b.join();
  std::cout << total << "\n";
}
