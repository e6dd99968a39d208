// clean: weft Lock with explicit acquire/release and try/finally-like structure
#include <weft/threading.h>
#include <iostream>
#include <vector>
using namespace weft::threading;

struct Inventory {
  Lock lock;
  int stock = 50;
};

void sell(Inventory *inv, int qty) {
  inv->lock.acquire();
  if (inv->stock >= qty) {
    inv->stock -= qty;
  }
  inv->lock.release();
}

int main() {
  Inventory inv;
  std::vector<Thread *> ts;
  for (int i = 0; i < 5; i++)
    ts.push_back(new Thread(sell, &inv, 3));
  for (Thread *t : ts)
    t->start();
  for (Thread *t : ts) {
    t->join();
    delete t;
  }
  std::cout << inv.stock << "\n";
}
