// racy: a Thread subclass keeps a reference to a shared counter and bumps it without a lock
#include <weft/threading.h>
#include <iostream>
using namespace weft::threading;

class Adder : public Thread {
public:
  Adder(int &total, int n) : total_(total), n_(n) {}
  void run() override {
    for (int i = 0; i < n_; i++) {
      total_ += 1;
    }
  }
private:
  int &total_;
  int n_;
};

int main() {
  int total = 0;
  Adder a(total, 1000), b(total, 1000);
  a.start();
  b.start();
  a.join();
  b.join();
  std::cout << "total = " << total << "\n";
}
