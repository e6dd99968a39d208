// A weft program that subprocess-basics.cpp runs as a child: one thread.
#include <weft/weft.h>

using namespace weft;

int main() {
  threading::Thread t([] { print("child's thread ran"); });
  t.start();
  t.join();
}
